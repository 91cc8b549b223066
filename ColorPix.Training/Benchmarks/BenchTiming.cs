using System.Diagnostics;
using TorchSharp;
using static TorchSharp.torch;

namespace ColorPix.Training.Benchmarks;

/// <summary>The one way ColorPix benchmarks time things: warm-up runs, then the median of timed runs,
/// each in its own dispose scope (as in training and serving).</summary>
public static class BenchTiming
{
    public static double MedianMilliseconds(int warmup, int runs, Action body)
    {
        var samples = new List<double>();
        for (var i = 0; i < warmup + runs; i++)
        {
            var watch = Stopwatch.StartNew();
            using (torch.NewDisposeScope()) body();
            if (i >= warmup) samples.Add(watch.Elapsed.TotalMilliseconds);
        }
        return Median(samples);
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0) throw new ArgumentException("no values");
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
