using ColorPix.Core.Engine;
using System.Text.Json;
using ColorPix.Core.Models;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;
using static TorchSharp.torch.nn;
using TorchSharp.Modules;

namespace ColorPix.Training.Benchmarks;

public sealed record EngineBenchmarkOptions(int Threads, int Warmup = 3, int Runs = 10, int Rounds = 3, int Batch = 16, int TrainSize = 128, int[]? InferenceSizes = null)
{
    public int[] Sizes => InferenceSizes ?? [256, 512];
}

/// <summary>One engine measurement: median milliseconds per figure, for ColorPix and (when available) PyTorch.</summary>
public sealed record EngineFigure(string Name, double ColorPixMs, double? PyTorchMs)
{
    public double? Ratio => PyTorchMs is > 0 ? ColorPixMs / PyTorchMs : null;
}

public sealed record EngineBenchmarkResult(long Parameters, int Threads, IReadOnlyList<EngineFigure> Figures, string? PyTorchNote);

/// <summary>
/// Times the course AutoEncoder on the ColorPix engine (one Adam training step at 128 px batch 16, single-image
/// inference at 256 and 512 px) and the identical PyTorch model on the same libtorch, in one invocation.
/// The two alternate for several rounds and each figure is the median of the rounds' medians, so load that
/// comes and goes on a shared machine falls on both sides alike.
/// </summary>
public static class EngineBenchmark
{
    public static EngineBenchmarkResult Run(EngineBenchmarkOptions options, Action<string>? progress = null)
    {
        torch.set_num_threads(options.Threads);
        long parameters = 0;
        string? note = null;
        var ours = new List<Dictionary<string, double>>();
        var theirs = new List<JsonElement>();
        for (var round = 1; round <= options.Rounds; round++)
        {
            progress?.Invoke($"ColorPix engine, round {round}/{options.Rounds}");
            (parameters, var figures) = MeasureColorPix(options);
            ours.Add(figures);
            if (note is not null) continue;
            progress?.Invoke($"PyTorch (python3-torch), round {round}/{options.Rounds}");
            (var result, note) = PythonTorch.Run("engine_bench.py",
                [options.Threads, options.Warmup, options.Runs, options.Batch, options.TrainSize, string.Join(",", options.Sizes)]);
            if (result is { } r) theirs.Add(r);
        }
        var names = ours[0].Keys;
        var table = names.Select(name => new EngineFigure(name, Median(ours.Select(f => f[name])),
            theirs.Count == 0 ? null : Median(theirs.Select(t => t.GetProperty(name).GetDouble())))).ToList();
        return new EngineBenchmarkResult(parameters, torch.get_num_threads(), table, note);
    }

    private static (long Parameters, Dictionary<string, double> Figures) MeasureColorPix(EngineBenchmarkOptions o)
    {
        torch.manual_seed(0);
        using var net = new AutoEncoder();
        using var adam = optim.Adam(net.parameters(), lr: 1e-3);
        using var l = (torch.rand(o.Batch, 1, o.TrainSize, o.TrainSize) * 100).DetachFromDisposeScope();
        using var ab = (torch.rand(o.Batch, 2, o.TrainSize, o.TrainSize) * 256 - 128).DetachFromDisposeScope();
        var figures = new Dictionary<string, double>
        {
            ["train_step_ms"] = Timed(o, () =>
            {
                adam.zero_grad();
                var loss = F.mse_loss(net.forward(l), ab);
                loss.backward();
                adam.step();
            }),
        };
        net.eval();
        using var _ = torch.no_grad();
        foreach (var size in o.Sizes)
        {
            using var image = (torch.rand(1, 1, size, size) * 100).DetachFromDisposeScope();
            figures[$"inference_{size}_ms"] = Timed(o, () => net.forward(image));
        }
        return (net.ParameterCount(), figures);
    }

    private static double Timed(EngineBenchmarkOptions o, Action body) => BenchTiming.MedianMilliseconds(o.Warmup, o.Runs, body);

    private static double Median(IEnumerable<double> values) => BenchTiming.Median(values);
}
