namespace ColorPix.Core.Metrics;

/// <summary>One feature's drift between a reference sample and a window of recent values.</summary>
/// <param name="Psi">Population stability index over the reference's deciles (0: same distribution; 0.1 minor; 0.25 major).</param>
/// <param name="Ks">The two-sample Kolmogorov-Smirnov statistic D, and its asymptotic p-value.</param>
public sealed record FeatureDrift(string Feature, double Psi, double Ks, double KsPValue, double ReferenceMean, double WindowMean);

public static class DriftStatistics
{
    private const int Bins = 10;
    private const double Floor = 1e-4; // an empty bin's share: PSI's logarithm needs one

    /// <summary>PSI over right-closed bins whose upper edges are the reference's deciles and its maximum, plus one bin
    /// above it. Ties collapse bins: a constant reference feature (all color inputs: "gray" = 0) keeps two bins, at most
    /// the value and above it, so a window that is half gray still shows.</summary>
    public static double Psi(IReadOnlyList<double> reference, IReadOnlyList<double> window)
    {
        if (reference.Count == 0 || window.Count == 0) return 0;
        var sorted = reference.Order().ToArray();
        var edges = Enumerable.Range(1, Bins - 1).Select(i => sorted[(int)Math.Floor(i * (sorted.Length - 1) / (double)Bins)]).Append(sorted[^1])
            .Distinct().ToArray();
        var (expected, actual) = (Shares(reference, edges), Shares(window, edges));
        return expected.Zip(actual).Sum(p => (p.Second - p.First) * Math.Log(p.Second / p.First));
    }

    /// <summary>D = the largest gap between the two empirical distribution functions; p from the Kolmogorov distribution.</summary>
    public static (double D, double P) KolmogorovSmirnov(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        if (a.Count == 0 || b.Count == 0) return (0, 1);
        var (x, y) = (a.Order().ToArray(), b.Order().ToArray());
        int i = 0, j = 0;
        double d = 0;
        while (i < x.Length && j < y.Length)
        {
            var value = Math.Min(x[i], y[j]);
            while (i < x.Length && x[i] <= value) i++;
            while (j < y.Length && y[j] <= value) j++;
            d = Math.Max(d, Math.Abs(i / (double)x.Length - j / (double)y.Length));
        }
        var n = x.Length * (double)y.Length / (x.Length + y.Length);
        var lambda = (Math.Sqrt(n) + 0.12 + 0.11 / Math.Sqrt(n)) * d;
        if (lambda < 0.3) return (d, 1); // the series does not converge there; Q(0.3) = 0.99999
        double p = 0;
        for (var k = 1; k <= 100; k++) p += 2 * Math.Pow(-1, k - 1) * Math.Exp(-2 * k * k * lambda * lambda);
        return (d, Math.Clamp(p, 0, 1));
    }

    public static IReadOnlyList<FeatureDrift> Compare(IReadOnlyList<DriftFeatures> reference, IReadOnlyList<DriftFeatures> window) =>
        DriftFeatures.Names.Select((name, f) =>
        {
            var (r, w) = (reference.Select(v => v.Values[f]).ToList(), window.Select(v => v.Values[f]).ToList());
            var (d, p) = KolmogorovSmirnov(r, w);
            return new FeatureDrift(name, Psi(r, w), d, p, r.DefaultIfEmpty().Average(), w.DefaultIfEmpty().Average());
        }).ToList();

    private static double[] Shares(IReadOnlyList<double> values, double[] edges)
    {
        var counts = new double[edges.Length + 1];
        foreach (var v in values)
        {
            var bin = 0;
            while (bin < edges.Length && v > edges[bin]) bin++;
            counts[bin]++;
        }
        return counts.Select(c => Math.Max(Floor, c / values.Count)).ToArray();
    }
}
