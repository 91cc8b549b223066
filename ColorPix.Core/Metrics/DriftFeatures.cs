using ColorPix.Core.Data;
using ColorPix.Core.Imaging;

namespace ColorPix.Core.Metrics;

/// <summary>
/// What drift detection compares between uploads and the training photos, measured on a copy whose longer side is at
/// most <see cref="WorkingSide"/>: brightness and contrast (mean and standard deviation of luma, 0..255), sharpness
/// (log10 of the variance of the Laplacian), noise (<see cref="PhotoStatistics.NoiseFloor"/>), colorfulness of the
/// input (0 for a gray one), whether it was gray (0 or 1), size (log2 of megapixels) and aspect (ln width/height).
/// Only these numbers are kept for drift: never a copy of the image.
/// </summary>
public sealed record DriftFeatures(double Brightness, double Contrast, double Sharpness, double Noise, double Colorfulness, double Gray,
    double Megapixels, double Aspect)
{
    public const int WorkingSide = 512;

    public static readonly IReadOnlyList<string> Names =
        ["brightness", "contrast", "sharpness", "noise", "colorfulness", "gray", "megapixels", "aspect"];

    public IReadOnlyList<double> Values => [Brightness, Contrast, Sharpness, Noise, Colorfulness, Gray, Megapixels, Aspect];

    public static DriftFeatures FromValues(IReadOnlyList<double> values) =>
        new(values[0], values[1], values[2], values[3], values[4], values[5], values[6], values[7]);

    public static DriftFeatures Of(Image image, bool wasGray)
    {
        var scale = (double)WorkingSide / Math.Max(image.Width, image.Height);
        using var resized = scale < 1
            ? image.Resize(Math.Max(1, (int)Math.Round(image.Width * scale)), Math.Max(1, (int)Math.Round(image.Height * scale)))
            : null;
        var work = resized ?? image;
        var rgb = work.CopyPixels();
        var statistics = PhotoStatistics.Measure(rgb, work.Width, work.Height);
        var (brightness, contrast, sharpness) = Luma(rgb, work.Width, work.Height);
        return new DriftFeatures(brightness, contrast, sharpness, statistics.NoiseFloor, wasGray ? 0 : statistics.Colorfulness, wasGray ? 1 : 0,
            Math.Log2(Math.Max(1, (double)image.Width * image.Height) / 1e6), Math.Log((double)image.Width / image.Height));
    }

    private static (double Mean, double Std, double Sharpness) Luma(byte[] rgb, int width, int height)
    {
        var gray = new float[width * height];
        double sum = 0, sum2 = 0;
        for (var i = 0; i < gray.Length; i++)
        {
            gray[i] = 0.299f * rgb[3 * i] + 0.587f * rgb[3 * i + 1] + 0.114f * rgb[3 * i + 2];
            sum += gray[i];
            sum2 += gray[i] * gray[i];
        }
        var mean = sum / gray.Length;
        double lap = 0, lap2 = 0;
        long count = 0;
        for (var y = 1; y < height - 1; y++)
            for (var x = 1; x < width - 1; x++)
            {
                var i = y * width + x;
                double l = 4 * gray[i] - gray[i - 1] - gray[i + 1] - gray[i - width] - gray[i + width];
                lap += l;
                lap2 += l * l;
                count++;
            }
        var variance = count == 0 ? 0 : Math.Max(0, lap2 / count - lap / count * (lap / count));
        return (mean, Math.Sqrt(Math.Max(0, sum2 / gray.Length - mean * mean)), Math.Log10(1 + variance));
    }
}
