using System.Net;
using ColorPix.Core.Inference;
using ColorPix.Tests.Api.Infrastructure;

namespace ColorPix.Tests.Api;

/// <summary>The album worker's work lives in the database: photos left pending by one process (here one whose worker
/// is off, as a process stopped before it got to them) are colorized by the next process on the same storage, through
/// its colorization queue and memory budget like any request.</summary>
public sealed class AlbumWorkerTests
{
    [Test]
    public async Task Photos_left_pending_are_colorized_by_the_next_process_through_its_queue()
    {
        await using var stopped = await ApiServer.StartAsync(new Dictionary<string, string?>(ApiServers.GenerousLimits) { ["Albums:Workers"] = "0" });
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
    }
}
