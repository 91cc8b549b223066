using ColorPix.Training.Tracking;

namespace ColorPix.Tests.Tracking;

public class MlflowReadingTests : TemporaryStoreTests
{
    [Test]
    public void Listed_runs_return_what_was_written()
    {
        var experiment = Store.GetOrCreateExperiment("compare");
        string firstId;
        using (var first = Store.StartRun(experiment, "first", new Dictionary<string, string> { ["model"] = "unet" }))
        {
            firstId = first.RunId;
            first.LogParam("lr", "0.0002");
            first.LogMetric("val/psnr", 20, step: 1, timestamp: 10);
            first.LogMetric("val/psnr", 22.5, step: 2, timestamp: 11);
            // Logged later but for an earlier step: MLflow's latest value is the one of the largest step.
            first.LogMetric("val/psnr", 19, step: 1, timestamp: 12);
            first.End(RunStatus.Killed);
        }
        Thread.Sleep(2);
        using var second = Store.StartRun(experiment, "second: l1 + 'gan'");

        var runs = Store.ListRuns(experiment);

        runs.Select(r => r.RunName).Should().Equal("first", "second: l1 + 'gan'");
        var run = runs[0];
        run.RunId.Should().Be(firstId);
        run.ExperimentId.Should().Be(experiment);
        run.Status.Should().Be(RunStatus.Killed);
        run.EndTime.Should().NotBeNull();
        run.Params.Should().Equal(new Dictionary<string, string> { ["lr"] = "0.0002" });
        run.Metrics.Should().ContainKey("val/psnr").WhoseValue.Should().Be(new MetricPoint(11, 22.5, 2));
        run.Tags.Should().Contain("model", "unet").And.Contain(MlflowTags.RunName, "first");
        runs[1].Status.Should().Be(RunStatus.Running);
        runs[1].EndTime.Should().BeNull();
        Store.ListRuns("0").Should().BeEmpty();
    }

    [Test]
    public void Reader_ignores_experiment_folders_that_are_not_runs_and_deleted_runs()
    {
        using var kept = Store.StartRun("0", "kept");
        Directory.CreateDirectory(Path.Combine(Root, "0", "tags"));
        Directory.CreateDirectory(Path.Combine(Root, "0", "not-a-run"));
        using var deleted = Store.StartRun("0", "deleted");
        var meta = File.ReadAllText(Path.Combine(deleted.Directory, "meta.yaml"));
        File.WriteAllText(Path.Combine(deleted.Directory, "meta.yaml"), meta.Replace("lifecycle_stage: active", "lifecycle_stage: deleted"));

        Store.ListRuns("0").Select(r => r.RunName).Should().Equal("kept");
    }

    [Test]
    public void Git_commit_is_read_from_a_worktree_pointer_and_packed_refs()
    {
        var commit = new string('a', 40);
        var main = Directory.CreateDirectory(Path.Combine(Root, "repo", ".git")).FullName;
        File.WriteAllText(Path.Combine(main, "packed-refs"), $"# pack-refs with: peeled\n{commit} refs/heads/metrics\n");
        var worktreeGit = Directory.CreateDirectory(Path.Combine(main, "worktrees", "wt")).FullName;
        File.WriteAllText(Path.Combine(worktreeGit, "HEAD"), "ref: refs/heads/metrics\n");
        File.WriteAllText(Path.Combine(worktreeGit, "commondir"), "../..\n");
        var worktree = Directory.CreateDirectory(Path.Combine(Root, "wt", "src")).FullName;
        File.WriteAllText(Path.Combine(Root, "wt", ".git"), $"gitdir: {worktreeGit}\n");

        GitHead.TryReadCommit(worktree).Should().Be(commit);
        GitHead.TryReadCommit(Path.GetTempPath()).Should().BeNull();
    }
}
