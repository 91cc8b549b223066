using System.Net;
using ColorPix.Tests.Api.Infrastructure;
using ColorPix.Web.Storage.Metadata;

namespace ColorPix.Tests.Api;

/// <summary>A user's whole life through the API, on each storage backend, each on its own app so the lists are exact.</summary>
public sealed class EndToEndTests
{
    private static IEnumerable<ApiStorage> Backends => ApiStorage.All;

    [TestCaseSource(nameof(Backends))]
    public async Task Sign_up_colorize_rate_prefer_list_and_delete_account(ApiStorage storage)
    {
        await using var server = await ApiServer.StartAsync(ApiServers.GenerousLimits, storage);
        var anonymous = server.Anonymous;

        var signUp = await (await anonymous.SignUpAsync("alice", ApiServer.Password)).JsonAsync(HttpStatusCode.Created);
        signUp.GetProperty("username").GetString().Should().Be("alice");
        signUp.GetProperty("is_admin").GetBoolean().Should().BeFalse();
        var userId = signUp.GetProperty("id").GetInt64();
        var token = await (await anonymous.TokenAsync("alice", ApiServer.Password)).JsonAsync(HttpStatusCode.OK);
        token.GetProperty("token_type").GetString().Should().Be("bearer");
        token.GetProperty("expires_in").GetInt32().Should().BeInRange(3500, 3600);
        var alice = server.Anonymous.WithToken(token.GetProperty("access_token").GetString());

        var upload = await (await alice.UploadAsync(TestPhotos.GrayPng(96, 64))).JsonAsync(HttpStatusCode.Created);
        upload.GetProperty("width").GetInt32().Should().Be(96);
        upload.GetProperty("height").GetInt32().Should().Be(64);
        upload.GetProperty("was_grayscale").GetBoolean().Should().BeTrue();
        var id = upload.GetProperty("id").GetGuid();

        var colorized = await (await alice.ColorizeAsync(id)).JsonAsync(HttpStatusCode.OK);
        colorized.GetProperty("results").Names("model").Should().Equal("autoencoder", "pix2pix");
        foreach (var result in colorized.GetProperty("results").EnumerateArray())
        {
            using var download = await alice.GetAsync(result.GetProperty("url").GetString()!);
            download.StatusCode.Should().Be(HttpStatusCode.OK);
            download.Content.Headers.ContentType!.MediaType.Should().Be("image/png");
            TestPhotos.SizeOf(await download.Content.ReadAsByteArrayAsync()).Should().Be((96, 64), "the result has the upload's size");
        }
        (await server.ObjectKeysAsync($"users/{userId}/images/{id:D}/")).Should().HaveCount(6, "original, thumbnail, and a result with its thumbnail per model");

        var history = await (await alice.GetAsync("/user_imgs")).JsonAsync(HttpStatusCode.OK);
        history.GetProperty("total").GetInt64().Should().Be(1);
        var item = history.GetProperty("items")[0];
        item.GetProperty("id").GetGuid().Should().Be(id);
        item.GetProperty("results").Names("model").Should().Equal("autoencoder", "pix2pix");

        foreach (var stars in Enumerable.Range(1, 5))
        {
            var rating = await (await alice.PostAsync($"/user_imgrating?id={id:D}&model=autoencoder&rating={stars}")).JsonAsync(HttpStatusCode.OK);
            rating.GetProperty("rating").GetInt32().Should().Be(stars);
        }
        (await server.CountRowsAsync("ratings", "user_id = @userId", new { userId })).Should().Be(1, "a new rating replaces the old one");
        var rated = await (await alice.GetAsync("/user_imgs")).JsonAsync(HttpStatusCode.OK);
        rated.GetProperty("items")[0].GetProperty("results")[0].GetProperty("rating").GetInt32().Should().Be(5);

        var preference = await (await alice.PostAsync("/user_setprefmodel?model=2")).JsonAsync(HttpStatusCode.OK);
        preference.GetProperty("name").GetString().Should().Be("pix2pix");
        var second = await alice.UploadedAsync(TestPhotos.GrayPng(64, 64, seed: 2));
        var preferred = await (await alice.ColorizeAsync(second)).JsonAsync(HttpStatusCode.OK);
        preferred.GetProperty("results").Names("model").Should().Equal("pix2pix");
        (await server.Service<IColorizationStore>().ListForImageAsync(userId, second, CancellationToken.None)).Should().ContainSingle("only the preferred model ran");

        var admin = await server.AdminAsync();
        var users = await (await admin.GetAsync("/show_users")).JsonAsync(HttpStatusCode.OK);
        users.Names("username").Should().Equal("alice");
        var models = await (await admin.GetAsync("/show_models")).JsonAsync(HttpStatusCode.OK);
        models.Names("model").Should().Equal("autoencoder", "pix2pix");
        models.EnumerateArray().Should().OnlyContain(m => m.GetProperty("version").GetString()!.Length == 12 && m.GetProperty("loaded").GetBoolean());

        (await alice.DeleteAsync("/del_user")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        await (await anonymous.TokenAsync("alice", ApiServer.Password)).ProblemAsync(HttpStatusCode.Unauthorized);
        // Her token is still signed and unexpired, but the account is gone: it opens nothing.
        await (await alice.GetAsync("/user_imgs")).ProblemAsync(HttpStatusCode.Unauthorized);
        (await server.ObjectKeysAsync($"users/{userId}/")).Should().BeEmpty();
        if (server.ObjectFolder is { } folder) Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Should().OnlyContain(
            f => Path.GetRelativePath(folder, f).StartsWith("models/"), "only the registered checkpoints remain");
        (await server.CountStoredAsync()).Should().Be(new StorageCounts(0, 1, 0, 0, 0), "only the admin's row is left");
    }
}
