using ColorPix.Core.Engine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ColorPix.Core.Checkpoints;
using ColorPix.Core.Models;
using ColorPix.Core.Data;
using TorchSharp;
using static TorchSharp.torch;
using ColorPix.Training.Trainers;

namespace ColorPix.Training;

public sealed record TrainingResult(string RunName, string RunDirectory, int EpochsCompleted, double BestLoss, bool Interrupted);

/// <summary>
/// The training loop shared by both models: epochs of train steps, validation, a checkpoint each epoch (the best one
/// kept), a sample grid, and exact resumption. Randomness is reseeded from (seed, epoch, batch) before every step,
/// so a run resumed at any batch boundary continues exactly as if it had never stopped.
/// </summary>
public sealed class TrainingRun
{
    private readonly TrainOptions options;
    private readonly IBatchSource data;
    private readonly ITrainingObserver observer;
    private readonly string checkpointRoot;
    private readonly IRunTracker tracker;

    public TrainingRun(TrainOptions options, IBatchSource data, string checkpointRoot, IRunTracker tracker, ITrainingObserver? observer = null)
    {
        this.options = options;
        this.data = data;
        this.checkpointRoot = checkpointRoot;
        this.tracker = tracker;
        this.observer = observer ?? SilentObserver.Instance;
    }

    public static string NewRunName(TrainOptions options) =>
        options.RunName ?? $"{options.Model.Name()}-{DateTime.UtcNow:yyyyMMdd-HHmmss}";

    public TrainingResult Run(CancellationToken cancellation = default)
    {
        var runName = options.Resume ?? NewRunName(options);
        var layout = new RunLayout(Path.Combine(checkpointRoot, runName));
        var device = options.TorchDevice;
        torch.manual_seed((long)options.Seed);   // the initial weights, too, follow --seed
        using var model = options.CreateModel();
        model.Network.to(device);
        using var trainer = CreateTrainer(model, device);

        var state = options.Resume is null ? ResumeState.Fresh : ResumeState.Load(layout, trainer);
        tracker.Start(runName, options, resumed: options.Resume is not null);
        observer.Message(options.Resume is null
            ? $"run {runName}: {model.Kind.Name()}, {model.Network.ParameterCount():N0} parameters, checkpoints in {layout.Root}"
            : $"resuming {runName} after epoch {state.EpochsDone} (+{state.BatchesDone} batches), best {trainer.SelectionLoss} {state.BestLoss:G4}");

        var bestLoss = state.BestLoss;
        var epoch = state.EpochsDone + 1;
        var skip = state.BatchesDone;
        try
        {
            for (; epoch <= options.Epochs; epoch++, skip = 0)
            {
                var watch = Stopwatch.StartNew();
                trainer.SetLearningRate(options.LearningRateAt(epoch));
                var (train, images, done) = TrainEpoch(trainer, epoch, skip, device, cancellation);
                if (!done)
                {
                    Save(layout, trainer, epoch - 1, images.Batches, bestLoss);
                    tracker.End(interrupted: true);
                    observer.Message($"interrupted: saved {layout.Last} at epoch {epoch}, batch {images.Batches}; resume with --resume {runName}");
                    return new TrainingResult(runName, layout.Root, epoch - 1, bestLoss, Interrupted: true);
                }
                var validation = Validate(trainer, epoch, device, layout);
                var selection = validation.TryGetValue(trainer.SelectionLoss, out var v) ? v : train[trainer.SelectionLoss];
                var isBest = selection < bestLoss;
                if (isBest) bestLoss = selection;
                Save(layout, trainer, epoch, 0, bestLoss);
                if (isBest) layout.PromoteLastToBest(epoch, train, validation);
                var summary = new EpochSummary(epoch, train, validation, watch.Elapsed.TotalSeconds,
                    images.Images / Math.Max(1e-9, images.Seconds), isBest, layout.Root, options.LearningRateAt(epoch));
                tracker.LogEpoch(summary, layout.SampleGrid(epoch));
                observer.EpochDone(summary);
            }
        }
        catch
        {
            tracker.End(interrupted: false, failed: true);
            throw;
        }
        tracker.End(interrupted: false);
        return new TrainingResult(runName, layout.Root, options.Epochs, bestLoss, Interrupted: false);
    }

    private ITrainer CreateTrainer(ColorizationModel model, Device device) => model.Kind == ModelKind.AutoEncoder
        ? new AutoEncoderTrainer(model, options.EffectiveLearningRate, options.Loss)
        : new Pix2PixTrainer(model, options.EffectiveLearningRate, device: device);

    private sealed record Throughput(int Batches, long Images, double Seconds);

    private (IReadOnlyDictionary<string, double> Losses, Throughput Throughput, bool Completed) TrainEpoch(
        ITrainer trainer, int epoch, int skip, Device device, CancellationToken cancellation)
    {
        var total = Math.Min(data.BatchesPerEpoch(Split.Train), options.MaxBatches ?? int.MaxValue);
        if (total == 0) throw new InvalidOperationException($"the training split holds less than one batch of {options.Batch} images");
        observer.EpochStarted(epoch, options.Epochs, total);
        var means = new RunningMeans();
        var (batch, images, compute) = (0, 0L, 0.0);
        // The loop, not the loader, watches for cancellation: it stops between two steps and saves. (Leaving the
        // foreach disposes the loader, which stops its threads.)
        foreach (var pair in data.Batches(Split.Train, epoch, CancellationToken.None).Take(total))
        {
            using (pair)
            {
                if (batch < skip) { batch++; continue; }
                if (cancellation.IsCancellationRequested) return (means.Means, new Throughput(batch, images, compute), false);
                var watch = Stopwatch.StartNew();
                using (torch.NewDisposeScope())
                {
                    torch.manual_seed(StepSeed(epoch, batch));
                    var losses = trainer.TrainStep(pair.L.to(device), pair.Ab.to(device));
                    means.Add(losses, pair.Count);
                }
                compute += watch.Elapsed.TotalSeconds;
                images += pair.Count;
                batch++;
                observer.BatchDone(epoch, batch, total, means.Means, images / Math.Max(1e-9, compute));
            }
        }
        if (batch == 0) throw new InvalidOperationException("the training split produced no batch: the dataset is empty or smaller than one batch");
        return (means.Means, new Throughput(batch, images, compute), !cancellation.IsCancellationRequested);
    }

    private long StepSeed(int epoch, int batch) =>
        unchecked((long)((ulong)options.Seed * 1_000_003UL + (ulong)epoch * 10_007UL + (ulong)batch));

    private IReadOnlyDictionary<string, double> Validate(ITrainer trainer, int epoch, Device device, RunLayout layout)
    {
        var means = new RunningMeans();
        var first = true;
        foreach (var pair in data.Batches(Split.Val, epoch, CancellationToken.None).Take(options.MaxBatches ?? int.MaxValue))
        {
            using (pair)
            using (torch.NewDisposeScope())
            {
                var (l, ab) = (pair.L.to(device), pair.Ab.to(device));
                means.Add(trainer.ValidationLosses(l, ab), pair.Count);
                if (first) SampleGrid.Save(trainer.Model, l, ab, layout.SampleGrid(epoch));
                first = false;
            }
        }
        return means.Means;
    }

    private void Save(RunLayout layout, ITrainer trainer, int epochsDone, int batchesDone, double bestLoss)
    {
        Directory.CreateDirectory(layout.Last);
        ModelCheckpoint.Save(layout.LastModel, trainer.Model, new Dictionary<string, string>
        {
            ["epoch"] = epochsDone.ToString(CultureInfo.InvariantCulture),
        });
        var metadata = new Dictionary<string, string>(trainer.TrainingStateMetadata())
        {
            ["epochs_done"] = epochsDone.ToString(CultureInfo.InvariantCulture),
            ["batches_done"] = batchesDone.ToString(CultureInfo.InvariantCulture),
            ["best_loss"] = bestLoss.ToString("R", CultureInfo.InvariantCulture),
            ["options"] = JsonSerializer.Serialize(options with { Resume = null }),
        };
        SafeTensors.Save(layout.LastTraining, trainer.TrainingState(), metadata);
    }

    /// <summary>What a resumed run picks up from checkpoints/RUN/last.</summary>
    private sealed record ResumeState(int EpochsDone, int BatchesDone, double BestLoss)
    {
        public static readonly ResumeState Fresh = new(0, 0, double.PositiveInfinity);

        public static ResumeState Load(RunLayout layout, ITrainer trainer)
        {
            if (!File.Exists(layout.LastModel) || !File.Exists(layout.LastTraining))
                throw new FileNotFoundException($"nothing to resume: {layout.Last} has no model.safetensors and training.safetensors");
            using (var weights = SafeTensors.Load(layout.LastModel))
                StateDicts.Load(trainer.Model.Network, weights.Tensors, layout.LastModel);
            using var training = SafeTensors.Load(layout.LastTraining);
            trainer.LoadTrainingState(training.Tensors, training.Metadata);
            var m = training.Metadata;
            return new ResumeState(int.Parse(m["epochs_done"], CultureInfo.InvariantCulture), int.Parse(m["batches_done"], CultureInfo.InvariantCulture),
                double.Parse(m["best_loss"], CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Options recorded in a run's last checkpoint, for --resume.</summary>
    public static TrainOptions RecordedOptions(string checkpointRoot, string runName)
    {
        var layout = new RunLayout(Path.Combine(checkpointRoot, runName));
        if (!File.Exists(layout.LastTraining)) throw new FileNotFoundException($"no run '{runName}' to resume under {checkpointRoot} ({layout.LastTraining} is missing)");
        using var training = SafeTensors.Load(layout.LastTraining);
        return JsonSerializer.Deserialize<TrainOptions>(training.Metadata["options"]) ?? throw new InvalidDataException("empty recorded options");
    }
}
