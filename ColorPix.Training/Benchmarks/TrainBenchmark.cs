using System.Text.Json;
using ColorPix.Core.Models;
using TorchSharp;
using static TorchSharp.torch;
using ColorPix.Training.Trainers;

namespace ColorPix.Training.Benchmarks;

public sealed record TrainBenchmarkOptions(int Threads, int Warmup = 1, int Runs = 3, int Rounds = 2, int Batch = 16, int Size = 128, int Ngf = 64);

public sealed record TrainFigure(string Model, double ColorPixImagesPerSecond, double? PyTorchImagesPerSecond)
{
    /// <summary>ColorPix's throughput over PyTorch's: above 1 means ColorPix trains faster.</summary>
    public double? Ratio => PyTorchImagesPerSecond is > 0 ? ColorPixImagesPerSecond / PyTorchImagesPerSecond : null;
}

public sealed record TrainBenchmarkResult(int Threads, int Batch, int Size, IReadOnlyList<TrainFigure> Figures, string? PyTorchNote);

/// <summary>
/// Training images/s of both models at 128 px (the course AutoEncoder; Pix2Pix unet_128 + PatchGAN at the
/// reference width), on random Lab batches so only the engine is measured, against the same networks in PyTorch.
/// </summary>
public static class TrainBenchmark
{
    public static TrainBenchmarkResult Run(TrainBenchmarkOptions o, Action<string>? progress = null)
    {
        torch.set_num_threads(o.Threads);
        var ours = new List<(double Ae, double P2p)>();
        var theirs = new List<JsonElement>();
        string? note = null;
        for (var round = 1; round <= o.Rounds; round++)
        {
            progress?.Invoke($"ColorPix, round {round}/{o.Rounds}");
            ours.Add((Measure(o, ModelKind.AutoEncoder), Measure(o, ModelKind.Pix2Pix)));
            if (note is not null) continue;
            progress?.Invoke($"PyTorch (python3-torch), round {round}/{o.Rounds}");
            (var result, note) = PythonTorch.Run("train_bench.py", [o.Threads, o.Warmup, o.Runs, o.Batch, o.Size, o.Ngf]);
            if (result is { } r) theirs.Add(r);
        }
        double? Theirs(string key) => theirs.Count == 0 ? null : BenchTiming.Median(theirs.Select(t => t.GetProperty(key).GetDouble()));
        return new TrainBenchmarkResult(torch.get_num_threads(), o.Batch, o.Size,
        [
            new("autoencoder", BenchTiming.Median(ours.Select(x => x.Ae)), Theirs("autoencoder_images_per_second")),
            new("pix2pix", BenchTiming.Median(ours.Select(x => x.P2p)), Theirs("pix2pix_images_per_second")),
        ], note);
    }

    private static double Measure(TrainBenchmarkOptions o, ModelKind kind)
    {
        torch.manual_seed(0);
        using var model = kind == ModelKind.AutoEncoder
            ? ColorizationModel.CreateAutoEncoder(new AutoEncoderConfig(), o.Size)
            : ColorizationModel.CreatePix2Pix(new Pix2PixConfig(o.Size, Ngf: o.Ngf, Ndf: o.Ngf));
        using ITrainer trainer = kind == ModelKind.AutoEncoder ? new AutoEncoderTrainer(model) : new Pix2PixTrainer(model);
        using var l = (torch.rand(o.Batch, 1, o.Size, o.Size) * 100).DetachFromDisposeScope();
        using var ab = (torch.rand(o.Batch, 2, o.Size, o.Size) * 256 - 128).DetachFromDisposeScope();
        var ms = BenchTiming.MedianMilliseconds(o.Warmup, o.Runs, () => trainer.TrainStep(l, ab));
        return o.Batch / (ms / 1000);
    }
}
