using ColorPix.Core.Color;
using ColorPix.Core.Imaging;
using TorchSharp;
using static TorchSharp.torch;

namespace ColorPix.Core.Metrics;

/// <summary>
/// The metrics of <see cref="ColorizationMetrics"/> for one full-resolution photo as the service returns it, against
/// its original, both 8-bit images of the same size (gray or RGB). Computed in strips of rows, so a photo of many
/// megapixels never becomes a float tensor; the values equal <see cref="ImageScores.Compute"/>'s on the whole image.
/// SSIM is left out: its 11x11 windows would need overlapping strips, and the crop evaluation reports it.
/// </summary>
/// <param name="AbMse">Mean squared ab error (ab units squared).</param>
/// <param name="Psnr">PSNR of the RGB images in dB; +infinity for identical images.</param>
/// <param name="Auc">Area under the ab error CDF, percent.</param>
/// <param name="Colorfulness">Colorfulness of the prediction (Hasler and Suesstrunk, 0..255 scale).</param>
public sealed record PhotoScores(double AbMse, double Psnr, double Auc, double Colorfulness)
{
    /// <summary>Rows per strip: a few tens of floats per pixel are alive in one, so a strip of a 10,000 px wide
    /// photo takes some tens of MB, whatever its height.</summary>
    public const int StripRows = 64;

    public static PhotoScores Compute(Image predicted, Image truth)
    {
        if ((predicted.Width, predicted.Height) != (truth.Width, truth.Height))
            throw new ArgumentException($"the prediction is {predicted.Width}x{predicted.Height}, its original {truth.Width}x{truth.Height}");
        double abSquares = 0, aucShares = 0, rgbSquares = 0;
        var colorfulness = new ColorfulnessSums();
        for (var y = 0; y < truth.Height; y += StripRows)
        {
            using var scope = torch.NewDisposeScope();
            var rows = Math.Min(StripRows, truth.Height - y);
            double pixels = rows * truth.Width;
            var (predictedRgb, trueRgb) = (ReadRows(predicted, y, rows), ReadRows(truth, y, rows));
            var (predictedLab, trueLab) = (Lab.RgbToLab(predictedRgb), Lab.RgbToLab(trueRgb));
            abSquares += ColorizationMetrics.AbMse(predictedLab, trueLab)[0] * pixels;
            aucShares += ColorizationMetrics.AbErrorAuc(predictedLab, trueLab)[0] * pixels;
            rgbSquares += (predictedRgb - trueRgb).to(ScalarType.Float64).square().sum().item<double>();
            colorfulness.Add(predictedRgb);
        }
        double n = (double)truth.Width * truth.Height;
        var mse = rgbSquares / (3 * n);
        return new PhotoScores(abSquares / n, mse == 0 ? double.PositiveInfinity : 10 * Math.Log10(1 / mse), aucShares / n, colorfulness.Value(n));
    }

    /// <summary>The colorfulness of one image alone (a colour original's), in the same strips as <see cref="Compute"/>.</summary>
    public static double ColorfulnessOf(Image image)
    {
        var sums = new ColorfulnessSums();
        for (var y = 0; y < image.Height; y += StripRows)
        {
            using var scope = torch.NewDisposeScope();
            sums.Add(ReadRows(image, y, Math.Min(StripRows, image.Height - y)));
        }
        return sums.Value((double)image.Width * image.Height);
    }

    /// <summary>Hasler and Suesstrunk's colorfulness from sums over strips, as its means and variances do not add up
    /// across strips.</summary>
    private sealed class ColorfulnessSums
    {
        private double rg, yb, rgSquares, ybSquares;

        /// <param name="rgb">[1,3,rows,W] in [0,1].</param>
        public void Add(Tensor rgb)
        {
            var scaled = rgb.to(ScalarType.Float64) * 255;
            var (r, g, b) = (scaled.narrow(1, 0, 1), scaled.narrow(1, 1, 1), scaled.narrow(1, 2, 1));
            var (redGreen, yellowBlue) = (r - g, (r + g) * 0.5 - b);
            rg += redGreen.sum().item<double>();
            yb += yellowBlue.sum().item<double>();
            rgSquares += redGreen.square().sum().item<double>();
            ybSquares += yellowBlue.square().sum().item<double>();
        }

        public double Value(double pixels)
        {
            var (meanRg, meanYb) = (rg / pixels, yb / pixels);
            var spread = Math.Sqrt(Math.Max(0, rgSquares / pixels - meanRg * meanRg) + Math.Max(0, ybSquares / pixels - meanYb * meanYb));
            return spread + 0.3 * Math.Sqrt(meanRg * meanRg + meanYb * meanYb);
        }
    }

    /// <summary>Rows [y, y+count) of an 8-bit image (gray or RGBX) as RGB in [0,1], float32 [1,3,count,W] (as the
    /// crop evaluation's batches; the metrics themselves work in float64).</summary>
    private static Tensor ReadRows(Image image, int y, int count)
    {
        var row = image.Width * image.BytesPerPixel;
        var pixels = empty([count, image.Width, image.BytesPerPixel], ScalarType.Byte);
        image.Pixels.Slice(y * row, count * row).CopyTo(pixels.bytes);
        var planes = pixels.permute(2, 0, 1).unsqueeze(0);
        var rgb = image.Channels == 1 ? planes.expand(1, 3, count, image.Width) : planes.narrow(1, 0, 3);
        return rgb.to(ScalarType.Float32) / 255;
    }
}
