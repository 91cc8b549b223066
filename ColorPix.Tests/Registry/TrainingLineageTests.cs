using ColorPix.Core.Models;
using ColorPix.Training.Registry;
using ColorPix.Training.Tracking;

namespace ColorPix.Tests.Registry;

public class TrainingLineageTests
{
    [Test]
    public void A_checkpoint_of_a_run_folder_comes_from_the_newest_run_of_that_name_that_is_not_a_resumption()
    {
        var root = Directory.CreateTempSubdirectory("colorpix-lineage-").FullName;
        try
        {
            var store = new MlflowFileStore(Path.Combine(root, "mlruns"));
            var experiment = store.GetOrCreateExperiment("colorpix-autoencoder");
            string Run(string data, bool resumed)
            {
                var tags = new Dictionary<string, string> { ["colorpix.run"] = "run-a" };
                if (resumed) tags["colorpix.resumed"] = "true";
                using var run = store.StartRun(experiment, "run-a", tags);
                run.LogParam("Data", data);
                Thread.Sleep(5); // distinct start times
                return run.RunId;
            }
            Run("sample", resumed: false); // an earlier run of the same name, whose folder was deleted since
            var current = Run("sample+consented", resumed: false);
            Run("sample+consented", resumed: true);
            var checkpoints = Path.Combine(root, "checkpoints");

            var lineage = TrainingLineage.Find(store, ModelKind.AutoEncoder, Path.Combine(checkpoints, "run-a", "best", "model.safetensors"), checkpoints);

            lineage.Should().Be(new TrainingLineage(current, "sample+consented"));
            TrainingLineage.Find(store, ModelKind.AutoEncoder, Path.Combine(root, "elsewhere.safetensors"), checkpoints).Should().Be(TrainingLineage.Unknown);
            TrainingLineage.Find(store, ModelKind.Pix2Pix, Path.Combine(checkpoints, "run-a", "best", "model.safetensors"), checkpoints)
                .Should().Be(TrainingLineage.Unknown, "pix2pix has no experiment yet");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
