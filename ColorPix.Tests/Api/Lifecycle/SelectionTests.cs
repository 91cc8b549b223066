using System.Net;
using ColorPix.Core.Models;
using ColorPix.Tests.Api.Infrastructure;
using ColorPix.Training.Registry;
using ColorPix.Web.Lifecycle;
using ColorPix.Web.Storage.Metadata;
using static ColorPix.Tests.Api.Lifecycle.ModelLifecycleTests;

namespace ColorPix.Tests.Api.Lifecycle;

/// <summary>The best-model selection on the sample dataset's test split, with versions of known quality
/// (<see cref="LifecycleCheckpoints"/>): gray output against saturated output.</summary>
public class SelectionTests : LifecycleTest
{
    private Dictionary<string, string?> SaturatedChampion() => new()
    {
        ["Models:AutoEncoder"] = LifecycleCheckpoints.AutoEncoder(Folder, "saturated", LifecycleCheckpoints.Saturated),
        ["Selection:Data"] = "sample",
        ["Selection:Split"] = "test",
        // The gray version colors nothing: here the AuC ordering is tested, the colorfulness rule in ChampionSelectionTests.
        ["Selection:MinColorfulness"] = "0",
    };

    [Test]
    public async Task The_selection_promotes_the_better_version_and_refuses_a_worse_one_recording_both_with_their_numbers()
    {
        await using var server = await ApiServer.StartAsync(SaturatedChampion());
        var admin = await server.AdminAsync();
        var saturated = await ServedVersionAsync(server);
        var gray = (await RegisterAsync(server, "gray", LifecycleCheckpoints.Gray)).Version;

        var first = await (await admin.PostAsync("/models/select")).JsonAsync(HttpStatusCode.OK);
        var worse = (await RegisterAsync(server, "saturated-again", LifecycleCheckpoints.Saturated, seed: 1)).Version;
        var second = await (await admin.PostAsync("/models/select")).JsonAsync(HttpStatusCode.OK);

        var promoted = first.EnumerateArray().Single();
        (promoted.GetProperty("promoted").GetBoolean(), promoted.GetProperty("champion_version").GetString(), promoted.GetProperty("challenger_version").GetString())
            .Should().Be((true, saturated, gray));
        var scores = promoted.GetProperty("numbers").GetProperty("scores").EnumerateArray().ToDictionary(s => s.GetProperty("version").GetString()!);
        scores[gray].GetProperty("auc").GetDouble().Should().BeGreaterThan(scores[saturated].GetProperty("auc").GetDouble() + 10);
        promoted.GetProperty("numbers").GetProperty("evaluated_on").GetString().Should().Be("sample/test");
        promoted.GetProperty("mlflow_run_id").GetString().Should().NotBeNullOrEmpty();

        var refused = second.EnumerateArray().Single();
        (refused.GetProperty("promoted").GetBoolean(), refused.GetProperty("challenger_version").GetString()).Should().Be((false, worse));
        refused.GetProperty("reason").GetString().Should().StartWith($"champion {gray} kept");
        (await ServedVersionAsync(server)).Should().Be(gray);
        var registry = server.Service<IModelRegistry>();
        (await registry.GetAsync(ModelKind.AutoEncoder, worse, CancellationToken.None))!.Status.Should().Be(VersionStatus.Rejected);
        (await registry.GetAsync(ModelKind.AutoEncoder, gray, CancellationToken.None))!.EvaluatedOn.Should().Be("sample/test");
        var third = await (await admin.PostAsync("/models/select")).JsonAsync(HttpStatusCode.OK);
        third.GetArrayLength().Should().Be(0, "a rejected version is not evaluated again, and with no challenger there is nothing to decide");
    }

    [Test]
    public async Task A_missing_selection_dataset_is_a_503_and_rejects_nobody()
    {
        var settings = SaturatedChampion();
        settings["Selection:Data"] = "no-such-dataset";
        await using var server = await ApiServer.StartAsync(settings);
        var gray = (await RegisterAsync(server, "gray", LifecycleCheckpoints.Gray)).Version;

        var problem = await (await (await server.AdminAsync()).PostAsync("/models/select")).ProblemAsync(HttpStatusCode.ServiceUnavailable);

        problem.GetProperty("detail").GetString().Should().Contain("'no-such-dataset' (Selection:Data) cannot be opened");
        (await server.Service<IModelRegistry>().GetAsync(ModelKind.AutoEncoder, gray, CancellationToken.None))!.Status.Should().Be(VersionStatus.Challenger);
    }

    [Test]
    public async Task The_schedule_runs_the_selection_once_per_due_time_whatever_the_number_of_replicas()
    {
        var champion = SaturatedChampion();
        await using var first = await ApiServer.StartAsync(champion);
        var gray = (await RegisterAsync(first, "gray", LifecycleCheckpoints.Gray)).Version;
        // The replicas are configured with the same checkpoint: another one would join as a second challenger (an untrained
        // network whose near-zero output can tie or beat gray's AuC), and this test is about who runs the job, not who wins.
        var scheduled = new Dictionary<string, string?>(champion) { ["Selection:Enabled"] = "true" };

        await using var second = await first.StartReplicaAsync(scheduled);
        await using var third = await first.StartReplicaAsync(scheduled);
        var decisions = first.Service<IModelDecisionStore>();
        await Eventually.UntilAsync(async () => (await decisions.ListAsync(10, CancellationToken.None)).Any(d => d.DecidedBy == "schedule"),
            "the first start of a scheduled replica runs the selection", TimeSpan.FromSeconds(60));
        await WaitUntilServingAsync(first, gray);

        var byTheSchedule = (await decisions.ListAsync(10, CancellationToken.None)).Where(d => d.DecidedBy == "schedule").ToList();
        byTheSchedule.Should().ContainSingle().Which.Should().Match<ModelDecision>(d => d.Promoted && d.ChallengerVersion == gray);
        (await first.Service<IJobSchedule>().NextRunAsync(ModelSelection.Job, CancellationToken.None)).Should().BeAfter(DateTimeOffset.UtcNow.AddHours(23));
    }
}
