using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ColorPix.Core.Models;
using ColorPix.Tests.Api.Infrastructure;
using ColorPix.Training.Registry;
using ColorPix.Web.Lifecycle;
using ColorPix.Web.Storage.Metadata;
using ColorPix.Web.Storage.Objects;

namespace ColorPix.Tests.Api.Lifecycle;

/// <summary>The registry through the API: first start, promotion and rollback, refusals.</summary>
public class ModelLifecycleTests : LifecycleTest
{
    [Test]
    public async Task The_first_start_registers_the_configured_checkpoints_as_champions_in_the_database_and_in_mlflow()
    {
        await using var server = await ApiServer.StartAsync();
        var admin = await server.AdminAsync();

        var models = await (await admin.GetAsync("/show_models")).JsonAsync(HttpStatusCode.OK);
        models.EnumerateArray().Select(m => $"{m.GetProperty("model")} {m.GetProperty("status")} loaded={m.GetProperty("loaded")}")
            .Should().Equal("autoencoder champion loaded=True", "pix2pix champion loaded=True");
        models[0].GetProperty("checkpoint_key").GetString().Should().StartWith("models/autoencoder/");
        var decisions = await (await admin.GetAsync("/models/decisions")).JsonAsync(HttpStatusCode.OK);
        decisions.EnumerateArray().Should().HaveCount(2).And.OnlyContain(d => d.GetProperty("decided_by").GetString() == "startup");
        var mlflow = server.Service<ModelVersions>().Mlflow;
        mlflow.GetAliasVersion("colorpix-autoencoder", "champion").Should().Be(models[0].GetProperty("mlflow_version").GetInt32());
    }

    [Test]
    public async Task Promotion_and_rollback_switch_the_served_version_and_every_decision_is_recorded()
    {
        await using var server = await ApiServer.StartAsync();
        var admin = await server.AdminAsync();
        var first = await ServedVersionAsync(server);
        var second = (await RegisterAsync(server, "second", 0.1f)).Version;

        var promoted = await (await admin.PostAsync($"/models/autoencoder/{second}/promote")).JsonAsync(HttpStatusCode.OK);
        var servedAfterPromotion = await ServedVersionAsync(server);
        var rolledBack = await (await admin.PostAsync("/models/autoencoder/rollback")).JsonAsync(HttpStatusCode.OK);

        (promoted.GetProperty("champion_version").GetString(), promoted.GetProperty("challenger_version").GetString()).Should().Be((first, second));
        servedAfterPromotion.Should().Be(second, "the promoting process switches at once");
        (rolledBack.GetProperty("trigger").GetString(), rolledBack.GetProperty("challenger_version").GetString()).Should().Be(("rollback", first));
        (await ServedVersionAsync(server)).Should().Be(first);
        server.Service<ModelVersions>().Mlflow.GetAliasVersion("colorpix-autoencoder", "champion").Should()
            .Be((await server.Service<IModelRegistry>().GetChampionAsync(ModelKind.AutoEncoder, CancellationToken.None))!.MlflowVersion);
        var decisions = await (await admin.GetAsync("/models/decisions?limit=2")).JsonAsync(HttpStatusCode.OK);
        decisions.EnumerateArray().Select(d => d.GetProperty("trigger").GetString()).Should().Equal("rollback", "promote");
    }

    [Test]
    public async Task Impossible_promotions_get_problems_and_users_cannot_touch_the_registry()
    {
        await using var server = await ApiServer.StartAsync();
        var admin = await server.AdminAsync();
        var user = await server.SignUpAsync();
        var champion = await ServedVersionAsync(server);

        await (await admin.PostAsync("/models/autoencoder/nosuchversion/promote")).ProblemAsync(HttpStatusCode.NotFound);
        await (await admin.PostAsync($"/models/autoencoder/{champion}/promote")).ProblemAsync(HttpStatusCode.Conflict);
        await (await admin.PostAsync("/models/autoencoder/rollback")).ProblemAsync(HttpStatusCode.Conflict);
        await (await admin.PostAsync($"/models/unet/{champion}/promote")).ProblemAsync(HttpStatusCode.NotFound);
        await (await admin.GetAsync("/models/decisions?limit=0")).ProblemAsync(HttpStatusCode.BadRequest);
        await (await user.PostAsync("/models/autoencoder/rollback")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await server.Anonymous.PostAsync("/models/select")).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Registration_takes_only_working_checkpoints_of_the_clone()
    {
        await using var server = await ApiServer.StartAsync();
        var admin = await server.AdminAsync();
        JsonContent Body(string path) => JsonContent.Create(new { checkpoint = path });

        await (await admin.PostAsync("/models/register", Body("/etc/passwd"))).ProblemAsync(HttpStatusCode.BadRequest);
        await (await admin.PostAsync("/models/register", Body("checkpoints/../appsettings.json"))).ProblemAsync(HttpStatusCode.BadRequest);
        await (await admin.PostAsync("/models/register", Body("checkpoints/nosuchrun/best/model.safetensors"))).ProblemAsync(HttpStatusCode.NotFound);
        var shipped = await (await admin.PostAsync("/models/register", Body("checkpoints/autoencoder/model.safetensors"))).JsonAsync(HttpStatusCode.Created);

        shipped.GetProperty("status").GetString().Should().Be("challenger");
        shipped.GetProperty("path").GetString().Should().Be("checkpoints/autoencoder/model.safetensors");
        var stored = await server.Service<IObjectStore>().ExistsAsync(shipped.GetProperty("checkpoint_key").GetString()!, CancellationToken.None);
        stored.Should().BeTrue("every replica loads it from the object store");
    }

    [Test]
    public async Task A_version_whose_stored_checkpoint_is_corrupt_is_refused_and_the_champion_keeps_serving()
    {
        await using var server = await ApiServer.StartAsync();
        var admin = await server.AdminAsync();
        var champion = await ServedVersionAsync(server);
        var broken = await RegisterAsync(server, "broken", 0.2f);
        await server.Service<IObjectStore>().PutAsync(broken.CheckpointKey!, LifecycleCheckpoints.Garbage, "application/octet-stream", CancellationToken.None);

        var problem = await (await admin.PostAsync($"/models/autoencoder/{broken.Version}/promote")).ProblemAsync((HttpStatusCode)422);

        problem.GetProperty("detail").GetString().Should().Contain("SHA-256").And.Contain($"{champion} stays champion");
        (await ServedVersionAsync(server)).Should().Be(champion);
        (await server.Service<IModelRegistry>().GetAsync(ModelKind.AutoEncoder, broken.Version, CancellationToken.None))!.Status.Should().Be(VersionStatus.Rejected);
    }

    internal static async Task<string> ServedVersionAsync(ApiServer server, string model = "autoencoder")
    {
        var status = await (await server.Anonymous.GetAsync("/status")).JsonAsync(HttpStatusCode.OK);
        return status.GetProperty("models").EnumerateArray().Single(m => m.GetProperty("model").GetString() == model).GetProperty("version").GetString()!;
    }

    /// <summary>Polls /status until the server serves the version. The bound is the 1 s interval plus generous room for
    /// fetching and loading a checkpoint on a loaded CI machine: it tells "follows" from "never follows", not speed.</summary>
    internal static Task WaitUntilServingAsync(ApiServer server, string version) =>
        Eventually.UntilAsync(async () => await ServedVersionAsync(server) == version, $"the server serves {version} after its next sync",
            state: async () => "/status says " + await (await server.Anonymous.GetAsync("/status")).Content.ReadAsStringAsync());
}
