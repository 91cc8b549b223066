using ColorPix.Core.Checkpoints;
using ColorPix.Core.Models;
using ColorPix.Core.Data;
using TorchSharp;
using static TorchSharp.torch;
using ColorPix.Core.Imaging;
using ColorPix.Training;

namespace ColorPix.Tests.Training;

public class TrainingRunTests
{
    private string root = "";

    [SetUp] public void CreateRoot() => root = Directory.CreateTempSubdirectory("cpx-train-").FullName;
    [TearDown] public void DeleteRoot() => Directory.Delete(root, recursive: true);

    private static TrainOptions Options(ModelKind model, string run) => new()
    {
        Model = model, Size = model == ModelKind.Pix2Pix ? 128 : 64, Batch = 2, Epochs = 2, Width = 0.125, Ngf = 8, RunName = run, Seed = 3,
    };

    private static readonly SyntheticBatches Data64 = new(64, 2, trainBatches: 3, valBatches: 1);
    private static readonly SyntheticBatches Data128 = new(128, 2, trainBatches: 3, valBatches: 1);

    [TestCase(ModelKind.AutoEncoder)]
    [TestCase(ModelKind.Pix2Pix)]
    public void A_run_writes_last_and_best_checkpoints_and_a_sample_grid_each_epoch(ModelKind kind)
    {
        var options = Options(kind, "r1");
        var result = new TrainingRun(options, kind == ModelKind.Pix2Pix ? Data128 : Data64, root, NullRunTracker.Instance).Run();

        result.EpochsCompleted.Should().Be(2);
        result.Interrupted.Should().BeFalse();
        var layout = new RunLayout(Path.Combine(root, "r1"));
        File.Exists(layout.LastTraining).Should().BeTrue();
        File.Exists(Path.Combine(layout.Best, "metrics.json")).Should().BeTrue();
        var (model, metadata) = ModelCheckpoint.Load(layout.BestModel);
        model.Dispose();
        metadata["model"].Should().Be(kind.Name());
        for (var epoch = 1; epoch <= 2; epoch++)
        {
            using var grid = Image.Decode(File.ReadAllBytes(layout.SampleGrid(epoch)));
            grid.Width.Should().Be(3 * options.Size, "gray | prediction | truth");
            grid.Height.Should().Be(2 * options.Size, "one row per validation image");
        }
    }

    [Test]
    public void An_interrupted_and_resumed_run_ends_with_the_same_weights_as_an_uninterrupted_one()
    {
        var straight = new TrainingRun(Options(ModelKind.AutoEncoder, "straight"), Data64, root, NullRunTracker.Instance).Run();

        using var cancel = new CancellationTokenSource();
        var observer = new CancelAfter(cancel, epoch: 2, batch: 1);
        var first = new TrainingRun(Options(ModelKind.AutoEncoder, "split"), Data64, root, NullRunTracker.Instance, observer).Run(cancel.Token);
        first.Interrupted.Should().BeTrue();
        var resumed = new TrainingRun(Options(ModelKind.AutoEncoder, "split") with { Resume = "split" }, Data64, root, NullRunTracker.Instance).Run();
        resumed.Interrupted.Should().BeFalse();

        File.ReadAllBytes(new RunLayout(straight.RunDirectory).LastModel)
            .Should().Equal(File.ReadAllBytes(new RunLayout(resumed.RunDirectory).LastModel));
    }

    [Test]
    public void Resuming_a_run_that_does_not_exist_fails_clearly()
    {
        var act = () => new TrainingRun(Options(ModelKind.AutoEncoder, "x") with { Resume = "nope" }, Data64, root, NullRunTracker.Instance).Run();
        act.Should().Throw<FileNotFoundException>().WithMessage("*nothing to resume*");
    }

    private sealed class CancelAfter(CancellationTokenSource source, int epoch, int batch) : ITrainingObserver
    {
        public void EpochStarted(int e, int epochs, int batches) { }
        public void BatchDone(int e, int b, int batches, IReadOnlyDictionary<string, double> losses, double imagesPerSecond)
        {
            if (e == epoch && b == batch) source.Cancel();
        }
        public void EpochDone(EpochSummary summary) { }
        public void Message(string text) { }
    }
}
