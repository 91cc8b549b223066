using ColorPix.Core.Imaging;

namespace ColorPix.Core.Data;

/// <summary>
/// Measurements that tell a photograph from an illustration, a render or a screenshot, taken on a copy whose
/// longer side is at most <see cref="WorkingSide"/> (so a 5120 px wallpaper and a 512 px test image are judged at
/// comparable scales):
/// <list type="bullet">
/// <item><see cref="Colorfulness"/>: Hasler and Süsstrunk (2003) on 0..255, as ColorizationMetrics computes it on tensors.</item>
/// <item><see cref="PaletteShare"/>: share of pixels in the 16 most frequent colours (5 bits per channel): flat fills.</item>
/// <item><see cref="SmoothShare"/>: share of pixels equal to their right and lower neighbours within 1 level in every
/// channel: gradients and flat regions, which sensor noise and texture never leave in a photo.</item>
/// <item><see cref="NoiseFloor"/>: the 10th percentile over 8x8 blocks of the mean absolute Laplacian of gray, in
/// levels: a photo's smoothest tenth still carries noise or grain, a render's is clean.</item>
/// <item><see cref="SaturatedShare"/>: share of pixels with HSV saturation above 0.75 and value above 0.4.</item>
/// </list>
/// </summary>
public sealed record PhotoStatistics(double Colorfulness, double PaletteShare, double SmoothShare, double NoiseFloor, double SaturatedShare)
{
    public const int WorkingSide = 1024;
    private const int PaletteColours = 16;
    private const int Block = 8;

    /// <summary>Decoding may shrink by 1/2..1/8 as long as the shorter side stays at least the working side, so
    /// every picture reaches <see cref="Of"/> larger than the working copy and is measured at the same scale.</summary>
    public static readonly ImageDecodeOptions DecodeOptions = new() { MinSide = WorkingSide };

    public static PhotoStatistics Of(Image image)
    {
        var scale = (double)WorkingSide / Math.Max(image.Width, image.Height);
        using var resized = scale < 1
            ? image.Resize(Math.Max(1, (int)Math.Round(image.Width * scale)), Math.Max(1, (int)Math.Round(image.Height * scale)))
            : null;
        var work = resized ?? image;
        return Measure(work.CopyPixels(), work.Width, work.Height);
    }

    /// <summary>The statistics of interleaved RGB pixels.</summary>
    public static PhotoStatistics Measure(byte[] rgb, int width, int height)
    {
        var pixels = width * height;
        var gray = new float[pixels];
        var counts = new Dictionary<int, int>();
        double sumRg = 0, sumYb = 0, sumRg2 = 0, sumYb2 = 0;
        long saturated = 0;
        for (var i = 0; i < pixels; i++)
        {
            int r = rgb[3 * i], g = rgb[3 * i + 1], b = rgb[3 * i + 2];
            double rg = r - g, yb = (r + g) * 0.5 - b;
            sumRg += rg; sumYb += yb; sumRg2 += rg * rg; sumYb2 += yb * yb;
            gray[i] = 0.299f * r + 0.587f * g + 0.114f * b;
            var key = (r >> 3) << 10 | (g >> 3) << 5 | b >> 3;
            counts[key] = counts.GetValueOrDefault(key) + 1;
            int max = Math.Max(r, Math.Max(g, b)), min = Math.Min(r, Math.Min(g, b));
            if (max > 0.4 * 255 && max - min > 0.75 * max) saturated++;
        }
        var (meanRg, meanYb) = (sumRg / pixels, sumYb / pixels);
        var spread = Math.Sqrt(Math.Max(0, sumRg2 / pixels - meanRg * meanRg) + Math.Max(0, sumYb2 / pixels - meanYb * meanYb));
        var colorfulness = spread + 0.3 * Math.Sqrt(meanRg * meanRg + meanYb * meanYb);
        var palette = counts.Values.OrderDescending().Take(PaletteColours).Sum() / (double)pixels;
        return new PhotoStatistics(Math.Round(colorfulness, 2), Math.Round(palette, 4), Math.Round(SmoothPixels(rgb, width, height), 4),
            Math.Round(LaplacianFloor(gray, width, height), 3), Math.Round(saturated / (double)pixels, 4));
    }

    private static double SmoothPixels(byte[] rgb, int width, int height)
    {
        if (width < 2 || height < 2) return 0;
        long smooth = 0;
        for (var y = 0; y < height - 1; y++)
            for (var x = 0; x < width - 1; x++)
            {
                var i = 3 * (y * width + x);
                var (right, below) = (i + 3, i + 3 * width);
                var flat = true;
                for (var c = 0; c < 3 && flat; c++)
                    flat = Math.Abs(rgb[i + c] - rgb[right + c]) <= 1 && Math.Abs(rgb[i + c] - rgb[below + c]) <= 1;
                if (flat) smooth++;
            }
        return smooth / (double)((width - 1) * (height - 1));
    }

    private static double LaplacianFloor(float[] gray, int width, int height)
    {
        var (blocksX, blocksY) = ((width - 2) / Block, (height - 2) / Block);
        if (blocksX == 0 || blocksY == 0) return 0;
        var energies = new double[blocksX * blocksY];
        for (var by = 0; by < blocksY; by++)
            for (var bx = 0; bx < blocksX; bx++)
            {
                double sum = 0;
                for (var y = 1 + by * Block; y < 1 + (by + 1) * Block; y++)
                    for (var x = 1 + bx * Block; x < 1 + (bx + 1) * Block; x++)
                    {
                        var i = y * width + x;
                        sum += Math.Abs(4 * gray[i] - gray[i - 1] - gray[i + 1] - gray[i - width] - gray[i + width]);
                    }
                energies[by * blocksX + bx] = sum / (Block * Block);
            }
        Array.Sort(energies);
        return energies[energies.Length / 10];
    }
}
