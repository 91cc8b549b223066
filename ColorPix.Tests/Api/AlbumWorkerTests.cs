using System.Net;
using ColorPix.Core.Inference;
using ColorPix.Tests.Api.Infrastructure;
using ColorPix.Web.Storage.Metadata;

namespace ColorPix.Tests.Api;

/// <summary>The album worker's work lives in the database: photos left pending by one process (here one whose worker
/// is off, as a process stopped before it got to them) are colorized by the next process on the same storage, through
/// its colorization queue and memory budget like any request. On both storage backends.</summary>
public sealed class AlbumWorkerTests
{
    private static IEnumerable<ApiStorage> Backends => ApiStorage.All;

    [TestCaseSource(nameof(Backends))]
    public async Task Photos_left_pending_are_colorized_by_the_next_process_through_its_queue(ApiStorage storage)
    {
        await using var stopped = await ApiServer.StartAsync(new Dictionary<string, string?>(ApiServers.GenerousLimits) { ["Albums:Workers"] = "0" }, storage);
        var user = await stopped.CreateUserDirectlyAsync();
        var created = await (await user.UploadAlbumAsync(Enumerable.Range(0, 3).Select(i => ($"p{i}.png", TestPhotos.GrayPng(24, 16, seed: 100 + i))).ToArray()))
            .JsonAsync(HttpStatusCode.Accepted);
        var id = created.GetProperty("album").GetProperty("id").GetGuid();
        var pending = await (await user.GetAsync($"/albums/{id:D}")).JsonAsync(HttpStatusCode.OK);
        (pending.GetProperty("album").GetProperty("pending").GetInt32(), pending.GetProperty("album").GetProperty("state").GetString()).Should().Be((3, "processing"));
        var early = await (await user.GetAsync($"/albums/{id:D}/download")).ProblemAsync(HttpStatusCode.Conflict);
        early.GetProperty("detail").GetString().Should().Contain("0 of 3 photos finished");

        await using var next = await stopped.StartReplicaAsync(new Dictionary<string, string?>(ApiServers.GenerousLimits));
        var album = await next.Anonymous.WithToken(user.Token).FinishedAlbumAsync(id);

        album.GetProperty("album").GetProperty("done").GetInt32().Should().Be(3);
        var queue = next.Service<ColorizationQueue>();
        queue.Status().Models.Sum(m => m.Processed).Should().Be(6, "three photos, each by both models, through the queue");
        queue.Memory.InUse.Should().Be(0, "every reservation was given back");
        stopped.Service<ColorizationQueue>().Status().Models.Sum(m => m.Processed).Should().Be(0);
        using var download = await user.GetAsync($"/albums/{id:D}/download");
        TestZips.Read(await download.Content.ReadAsByteArrayAsync()).Keys.Should().BeEquivalentTo(
            Enumerable.Range(0, 3).SelectMany(i => new[] { $"p{i}.autoencoder.png", $"p{i}.pix2pix.png" }));
        (await (await user.GetAsync("/albums")).JsonAsync(HttpStatusCode.OK)).GetProperty("items")[0].GetProperty("done").GetInt32().Should().Be(3);
    }

    [Test]
    public async Task A_claimed_photo_is_nobody_elses_until_its_lease_ends_then_due_again()
    {
        await using var server = await ApiServer.StartAsync(new Dictionary<string, string?>(ApiServers.GenerousLimits) { ["Albums:Workers"] = "0" });
        var user = await server.CreateUserDirectlyAsync();
        await (await user.UploadAlbumAsync(("only.png", TestPhotos.GrayPng(16, 16)))).JsonAsync(HttpStatusCode.Accepted);
        var store = server.Service<IAlbumStore>();
        var now = DateTimeOffset.UtcNow.AddMinutes(1);

        var first = await store.ClaimNextAsync(now, now.AddSeconds(30), CancellationToken.None);
        var meanwhile = await store.ClaimNextAsync(now.AddSeconds(29), now.AddSeconds(59), CancellationToken.None);
        var afterLease = await store.ClaimNextAsync(now.AddSeconds(31), now.AddSeconds(61), CancellationToken.None);

        first.Should().NotBeNull();
        first!.Attempts.Should().Be(1);
        meanwhile.Should().BeNull("another worker may not take a claimed photo");
        afterLease.Should().BeEquivalentTo(first with { Attempts = 2 }, "a worker that died with it gives it up when its lease ends");
    }

    [Test]
    public async Task A_new_album_is_429_while_the_users_waiting_photos_would_pass_one_albums_worth_and_others_go_on()
    {
        await using var server = await ApiServer.StartAsync(new Dictionary<string, string?>(ApiServers.GenerousLimits)
        {
            ["Albums:Workers"] = "0", ["Limits:MaxAlbumPhotos"] = "2",
        });
        var (busy, other) = (await server.CreateUserDirectlyAsync(), await server.CreateUserDirectlyAsync());
        await (await busy.UploadAlbumAsync(("a.png", TestPhotos.GrayPng(16, 16, seed: 1)), ("b.png", TestPhotos.GrayPng(16, 16, seed: 2))))
            .JsonAsync(HttpStatusCode.Accepted);
        var before = await server.CountStoredAsync();

        using var refused = await busy.UploadAlbumAsync(("c.png", TestPhotos.GrayPng(16, 16, seed: 3)));

        (await refused.ProblemAsync(HttpStatusCode.TooManyRequests)).GetProperty("detail").GetString().Should().Contain("2 photos of your albums still wait");
        refused.Headers.RetryAfter!.Delta.Should().BePositive();
        (await server.CountStoredAsync()).Should().Be(before);
        (await other.UploadAlbumAsync(("d.png", TestPhotos.GrayPng(16, 16, seed: 4)))).StatusCode.Should().Be(HttpStatusCode.Accepted);
    }
}
