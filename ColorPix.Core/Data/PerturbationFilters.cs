using System.Numerics;
using System.Runtime.InteropServices;

namespace ColorPix.Core.Data;

/// <summary>
/// Standard normal draws from a <see cref="Random"/>, a row at a time: two random bytes pick one of 65,536 equally
/// likely quantiles of N(0, 1) (scaled to unit variance), several times cheaper than Box-Muller's log and sine per draw.
/// </summary>
internal sealed class NormalDraws(Random random)
{
    private static readonly float[] Quantiles = BuildQuantiles();

    private byte[] bytes = [];

    /// <summary>Fills <paramref name="destination"/> with draws of N(0, scale^2).</summary>
    public void Fill(Span<float> destination, float scale)
    {
        if (bytes.Length < 2 * destination.Length) bytes = new byte[2 * destination.Length];
        var drawn = bytes.AsSpan(0, 2 * destination.Length);
        random.NextBytes(drawn);
        for (var i = 0; i < destination.Length; i++) destination[i] = Quantiles[drawn[2 * i] | drawn[2 * i + 1] << 8] * scale;
    }

    private static float[] BuildQuantiles()
    {
        var values = Enumerable.Range(0, 65536).Select(i => InverseNormal((i + 0.5) / 65536)).ToArray();
        // The tails beyond the outermost quantiles are missing: rescale so the deviation is exactly 1.
        var deviation = Math.Sqrt(values.Average(v => v * v));
        return values.Select(v => (float)(v / deviation)).ToArray();
    }

    /// <summary>Acklam's rational approximation of the normal quantile function (relative error below 1.2e-9).</summary>
    private static double InverseNormal(double p)
    {
        double[] a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00];
        double[] b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01];
        double[] c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00];
        double[] d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00];
        const double low = 0.02425;
        if (p < low || p > 1 - low)
        {
            var q = Math.Sqrt(-2 * Math.Log(p < low ? p : 1 - p));
            var x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
            return p < low ? x : -x;
        }
        var t = p - 0.5;
        var r = t * t;
        return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * t / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    }
}

/// <summary>
/// A separable Gaussian filter over a stream of rows taken in order, top to bottom, that holds only the 2r+1
/// horizontally filtered rows the current output row needs. A source row is read before the output row of the same
/// index is asked for, so an image can be filtered in place. Borders are mirrored about the edge pixel (OpenCV's
/// BORDER_REFLECT_101).
/// </summary>
internal sealed class GaussianRows
{
    /// <summary>Fills <paramref name="destination"/> with source row <paramref name="y"/>: width x samples values, interleaved.</summary>
    public delegate void RowSource(int y, Span<float> destination);

    private readonly float[] kernel;
    private readonly int radius, width, samples, height;
    private readonly float[][] ring;
    private readonly float[] padded, output;
    private int loaded, next;

    public GaussianRows(double sigma, int width, int samples, int height)
    {
        kernel = Kernel(sigma);
        radius = kernel.Length / 2;
        (this.width, this.samples, this.height) = (width, samples, height);
        ring = Enumerable.Range(0, kernel.Length).Select(_ => new float[width * samples]).ToArray();
        padded = new float[(width + 2 * radius) * samples];
        output = new float[width * samples];
    }

    /// <summary>The normalised 1-D Gaussian of radius ceil(3 sigma).</summary>
    public static float[] Kernel(double sigma)
    {
        if (!(sigma > 0)) throw new ArgumentOutOfRangeException(nameof(sigma), sigma, "a Gaussian needs sigma > 0");
        var radius = (int)Math.Ceiling(3 * sigma);
        var weights = Enumerable.Range(-radius, 2 * radius + 1).Select(x => Math.Exp(-x * x / (2 * sigma * sigma))).ToArray();
        var total = weights.Sum();
        return weights.Select(w => (float)(w / total)).ToArray();
    }

    /// <summary>Output row <paramref name="y"/>, valid until the next call; rows must be asked for as 0, 1, 2, ...</summary>
    public ReadOnlySpan<float> Row(int y, RowSource source)
    {
        if (y != next) throw new InvalidOperationException($"rows are filtered in order: expected row {next}, got {y}");
        next++;
        for (var last = Math.Min(height - 1, y + radius); loaded <= last; loaded++)
            Horizontal(loaded, source, ring[loaded % ring.Length]);
        Array.Clear(output);
        for (var k = 0; k < kernel.Length; k++) MultiplyAdd(output, ring[Reflect(y + k - radius, height) % ring.Length], kernel[k]);
        return output;
    }

    private void Horizontal(int y, RowSource source, float[] destination)
    {
        source(y, padded.AsSpan(radius * samples, width * samples));
        for (var i = 1; i <= radius; i++)
            for (var c = 0; c < samples; c++)
            {
                padded[(radius - i) * samples + c] = padded[(radius + Reflect(-i, width)) * samples + c];
                padded[(radius + width - 1 + i) * samples + c] = padded[(radius + Reflect(width - 1 + i, width)) * samples + c];
            }
        // Tap k of every output sample reads the padded row shifted by k pixels: one multiply-add over the row per tap.
        Array.Clear(destination);
        for (var k = 0; k < kernel.Length; k++) MultiplyAdd(destination, padded.AsSpan(k * samples, width * samples), kernel[k]);
    }

    /// <summary>sum += weight x values, element-wise, in SIMD vectors.</summary>
    private static void MultiplyAdd(Span<float> sum, ReadOnlySpan<float> values, float weight)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var sums = MemoryMarshal.Cast<float, Vector<float>>(sum);
            var terms = MemoryMarshal.Cast<float, Vector<float>>(values[..sum.Length]);
            var w = new Vector<float>(weight);
            for (var v = 0; v < sums.Length; v++) sums[v] += terms[v] * w;
            i = sums.Length * Vector<float>.Count;
        }
        for (; i < sum.Length; i++) sum[i] += values[i] * weight;
    }

    // Reflection about the edge pixel, repeated when the kernel is wider than the image.
    private static int Reflect(int i, int n)
    {
        if (n == 1) return 0;
        while (i < 0 || i >= n) i = i < 0 ? -i : 2 * n - 2 - i;
        return i;
    }
}
