using System.Net;
using ColorPix.Tests.Api.Infrastructure;
using ColorPix.Training.Registry;
using ColorPix.Web.Lifecycle;
using static ColorPix.Tests.Api.Lifecycle.ModelLifecycleTests;

namespace ColorPix.Tests.Api.Lifecycle;

/// <summary>Promotions and rollbacks while users colorize: nobody sees a failure, every result names a real version,
/// and replicas on one database and object store follow the champion within the sync interval.</summary>
public class HotSwapTests : LifecycleTest
{
    [TestCase(64, TestName = "Colorizations across a promotion and a rollback all succeed, each by a definite version")]
    [TestCase(128, TestName = "Colorizations across swaps to a model of another input size all succeed, each by a definite version")]
    public async Task Colorizations_across_a_promotion_and_a_rollback_all_succeed_each_by_a_definite_version(int secondSize)
    {
        await using var server = await ApiServer.StartAsync(ApiServers.GenerousLimits);
        var admin = await server.AdminAsync();
        var user = await server.SignUpAsync();
        (await user.PostAsync("/user_setprefmodel?model=1")).StatusCode.Should().Be(HttpStatusCode.OK);
        var first = await ServedVersionAsync(server);
        var second = (await RegisterAsync(server, "second", 0.1f, size: secondSize)).Version;
        var images = new List<Guid>();
        for (var i = 0; i < 24; i++) images.Add(await user.UploadedAsync(TestPhotos.GrayPng(96, 64, seed: 100 + i)));

        // Four clients colorize the images one after another while the administrator promotes, then rolls back.
        var clients = Enumerable.Range(0, 4).Select(c => Task.Run(async () =>
        {
            var versions = new List<(HttpStatusCode, string?)>();
            foreach (var id in images.Where((_, i) => i % 4 == c))
            {
                using var response = await user.ColorizeAsync(id);
                var body = response.StatusCode == HttpStatusCode.OK ? await response.JsonAsync(HttpStatusCode.OK) : default;
                versions.Add((response.StatusCode, body.ValueKind == System.Text.Json.JsonValueKind.Undefined ? null
                    : body.GetProperty("results")[0].GetProperty("model_version").GetString()));
            }
            return versions;
        })).ToList();
        await Task.Delay(50);
        (await admin.PostAsync($"/models/autoencoder/{second}/promote")).StatusCode.Should().Be(HttpStatusCode.OK);
        await Task.Delay(50);
        (await admin.PostAsync("/models/autoencoder/rollback")).StatusCode.Should().Be(HttpStatusCode.OK);
        var answered = (await Task.WhenAll(clients)).SelectMany(v => v).ToList();

        answered.Should().HaveCount(images.Count);
        answered.Should().OnlyContain(a => a.Item1 == HttpStatusCode.OK, "a swap never fails a request");
        answered.Select(a => a.Item2).Should().OnlyContain(v => v == first || v == second, "each result names the version of its batch");
        (await ServedVersionAsync(server)).Should().Be(first);
    }

    [Test]
    public async Task Two_replicas_on_one_postgres_and_s3_serve_the_same_champion_within_the_sync_interval()
    {
        var fast = new Dictionary<string, string?>(ApiServers.GenerousLimits) { ["Registry:SyncSeconds"] = "1" };
        await using var a = await ApiServer.StartAsync(fast, ApiStorage.PostgresAndS3);
        await using var b = await a.StartReplicaAsync(fast);
        var first = await ServedVersionAsync(a);
        (await ServedVersionAsync(b)).Should().Be(first);
        // Registered and promoted through replica A only: B has neither the file nor the request, only the database and S3.
        var second = (await RegisterAsync(a, "second", 0.1f)).Version;
        File.Delete(Path.Combine(Folder, "second.safetensors"));

        (await (await a.AdminAsync()).PostAsync($"/models/autoencoder/{second}/promote")).StatusCode.Should().Be(HttpStatusCode.OK);
        await WaitUntilServingAsync(b, second);
        (await (await b.AdminAsync()).PostAsync("/models/autoencoder/rollback")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await ServedVersionAsync(b)).Should().Be(first, "the replica that rolls back switches at once");
        await WaitUntilServingAsync(a, first);
    }
}
