using ColorPix.Training.Tracking;

namespace ColorPix.Tests.Tracking;

public class MlflowLayoutTests : TemporaryStoreTests
{
    [Test]
    public void A_new_store_has_the_default_experiment_and_a_trash_folder()
    {
        Directory.Exists(Path.Combine(Root, ".trash")).Should().BeTrue();
        var uri = new Uri(Path.Combine(Root, "0")).AbsoluteUri;

        MetaLines(Path.Combine(Root, "0")).Should().SatisfyRespectively(
            line => line.Should().Be($"artifact_location: {uri}").And.StartWith("artifact_location: file:///"),
            line => line.Should().MatchRegex(@"^creation_time: \d{13}$"),
            line => line.Should().Be("experiment_id: '0'"),
            line => line.Should().MatchRegex(@"^last_update_time: \d{13}$"),
            line => line.Should().Be("lifecycle_stage: active"),
            line => line.Should().Be("name: Default"));
    }

    [Test]
    public void Experiments_get_mlflow_style_ids_and_are_found_again_by_name()
    {
        var id = Store.GetOrCreateExperiment("colorization");

        id.Should().MatchRegex("^[1-9][0-9]{17}$");
        Store.GetOrCreateExperiment("colorization").Should().Be(id);
        new MlflowFileStore(Root).GetOrCreateExperiment("colorization").Should().Be(id);
        Store.GetOrCreateExperiment("other").Should().NotBe(id);
        MetaLines(Path.Combine(Root, id)).Should().Contain($"experiment_id: '{id}'").And.Contain("name: colorization");
    }

    [Test]
    public void Run_meta_yaml_has_mlflows_keys_and_value_formats()
    {
        using var run = Store.StartRun("0", "unet-l1");

        run.RunId.Should().MatchRegex("^[0-9a-f]{32}$");
        var lines = MetaLines(run.Directory);
        Keys(lines).Should().Equal("artifact_uri", "deleted_time", "end_time", "entry_point_name", "experiment_id",
            "lifecycle_stage", "run_id", "run_name", "run_uuid", "source_name", "source_type", "source_version",
            "start_time", "status", "tags", "user_id");
        lines.Should().Contain([
            $"artifact_uri: {new Uri(Path.Combine(Root, "0")).AbsoluteUri}/{run.RunId}/artifacts",
            "deleted_time: null", "end_time: null", "entry_point_name: ''", "experiment_id: '0'",
            "lifecycle_stage: active", "run_name: unet-l1",
            "source_name: ''", "source_type: 4", "source_version: ''", "status: 1", "tags: []", $"user_id: {Environment.UserName}"]);
        lines.Should().ContainMatch("start_time: *").Which.Should().MatchRegex(@"^start_time: \d{13}$");
        var meta = FlatYaml.Read(string.Join('\n', lines));
        meta["run_id"].Should().Be(run.RunId);
        meta["run_uuid"].Should().Be(run.RunId);
        foreach (var folder in new[] { "metrics", "params", "artifacts", "tags" })
            Directory.Exists(Path.Combine(run.Directory, folder)).Should().BeTrue(folder);
    }

    [Test]
    public void Ending_a_run_records_status_and_end_time()
    {
        var run = Store.StartRun("0", "crash");

        run.End(RunStatus.Failed);
        run.Dispose();

        var lines = MetaLines(run.Directory);
        lines.Should().Contain("status: 4").And.ContainMatch("end_time: *");
        lines.Single(l => l.StartsWith("end_time:")).Should().MatchRegex(@"^end_time: \d{13}$");
    }

    [Test]
    public void A_run_disposed_without_end_is_finished_with_an_end_time()
    {
        string directory;
        using (var run = Store.StartRun("0", "quick")) directory = run.Directory;

        MetaLines(directory).Should().Contain("status: 3").And.ContainMatch("end_time: 1*");
        Store.ListRuns("0").Single().Should().Match<RunRecord>(r => r.Status == RunStatus.Finished && r.EndTime >= r.StartTime);
    }

    [Test]
    public void Standard_tags_name_the_run_user_and_source_without_trailing_newlines()
    {
        using var run = Store.StartRun("0", "tagged", new Dictionary<string, string> { ["dataset"] = "coco-val" });

        string Tag(string key) => File.ReadAllText(Path.Combine(run.Directory, "tags", key));
        Tag("mlflow.runName").Should().Be("tagged");
        Tag("mlflow.user").Should().Be(Environment.UserName);
        Tag("mlflow.source.type").Should().Be("LOCAL");
        Tag("mlflow.source.name").Should().Be(Environment.CommandLine);
        Tag("dataset").Should().Be("coco-val");
    }

    [Test]
    public void A_tag_that_names_the_run_differently_is_refused()
    {
        FluentActions.Invoking(() => Store.StartRun("0", "a", new Dictionary<string, string> { ["mlflow.runName"] = "b" }))
            .Should().Throw<ArgumentException>();
    }

    [Test]
    public void Runs_cannot_start_in_a_missing_experiment()
    {
        FluentActions.Invoking(() => Store.StartRun("12345", "orphan")).Should().Throw<InvalidOperationException>();
    }
}
