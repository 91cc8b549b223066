using TorchSharp;
using static TorchSharp.torch;

namespace ColorPix.Core.Metrics;

/// <summary>
/// Per-image colorization metrics on batches: every method takes [N,C,H,W] tensors and returns one value
/// per image, so an evaluator can average over a dataset. Work is done in float64 so that hand-computed
/// references hold exactly; inputs of any floating type are accepted.
/// </summary>
public static class ColorizationMetrics
{
    /// <summary>Largest ab error threshold of the AuC curve (Zhang et al. 2016 use 0..150).</summary>
    public const int AucMaxThreshold = 150;

    /// <summary>
    /// Mean over pixels and both chroma channels of (ab_pred - ab_true)^2, in ab units squared.
    /// Takes Lab [N,3,H,W] or ab-only [N,2,H,W]: the last two channels are a and b.
    /// </summary>
    public static double[] AbMse(Tensor predicted, Tensor truth)
    {
        using var scope = torch.NewDisposeScope();
        var difference = AbChannels(predicted) - AbChannels(truth);
        return difference.square().mean([1, 2, 3]).data<double>().ToArray();
    }

    /// <summary>
    /// PSNR of RGB images in [0,1] (data range 1). Identical images give double.PositiveInfinity; see
    /// <see cref="MetricAccumulator"/> for how averages stay finite.
    /// </summary>
    public static double[] Psnr(Tensor predictedRgb, Tensor trueRgb)
    {
        using var scope = torch.NewDisposeScope();
        var mse = (AsBatch(predictedRgb) - AsBatch(trueRgb)).square().mean([1, 2, 3]).data<double>().ToArray();
        return mse.Select(m => m == 0 ? double.PositiveInfinity : 10 * Math.Log10(1 / m)).ToArray();
    }

    /// <summary>
    /// Area under the cumulative ab error curve (Zhang et al. 2016, "Colorful Image Colorization"), in percent:
    /// the mean over thresholds t = 0..150 of the share of pixels whose ab error ||ab_pred - ab_true||_2 is at most t.
    /// </summary>
    public static double[] AbErrorAuc(Tensor predicted, Tensor truth)
    {
        using var scope = torch.NewDisposeScope();
        var error = (AbChannels(predicted) - AbChannels(truth)).square().sum(1).sqrt();
        // A pixel with error e passes the thresholds t >= ceil(e): 151 - ceil(e) of the 151 (none above 150).
        // Summing that per pixel is the same average as testing every threshold, without a [P,151] tensor.
        const int thresholds = AucMaxThreshold + 1;
        var firstPassed = (-(-error).floor()).clamp(max: thresholds);
        var passedShare = (thresholds - firstPassed) / thresholds;
        return (passedShare.mean([1, 2]) * 100).data<double>().ToArray();
    }

    /// <summary>
    /// Colorfulness of Hasler and Suesstrunk (2003) on the 0..255 scale, with population standard deviations:
    /// rg = R - G, yb = (R + G) / 2 - B, C = sqrt(std_rg^2 + std_yb^2) + 0.3 sqrt(mean_rg^2 + mean_yb^2).
    /// </summary>
    public static double[] Colorfulness(Tensor rgb)
    {
        using var scope = torch.NewDisposeScope();
        var scaled = AsBatch(rgb) * 255;
        var (r, g, b) = (scaled.narrow(1, 0, 1), scaled.narrow(1, 1, 1), scaled.narrow(1, 2, 1));
        var rg = r - g;
        var yb = (r + g) * 0.5 - b;
        var (meanRg, meanYb) = (rg.mean([1, 2, 3], keepdim: true), yb.mean([1, 2, 3], keepdim: true));
        var varianceRg = (rg - meanRg).square().mean([1, 2, 3]);
        var varianceYb = (yb - meanYb).square().mean([1, 2, 3]);
        var spread = (varianceRg + varianceYb).sqrt();
        var offset = (meanRg.square() + meanYb.square()).sqrt().flatten();
        return (spread + offset * 0.3).data<double>().ToArray();
    }

    internal static Tensor AsBatch(Tensor images)
    {
        if (images.dim() != 4 || images.size(1) != 3)
            throw new ArgumentException($"expected images [N,3,H,W], got [{string.Join(", ", images.shape)}]");
        return images.to(ScalarType.Float64);
    }

    private static Tensor AbChannels(Tensor images)
    {
        if (images.dim() != 4 || images.size(1) is not (2 or 3))
            throw new ArgumentException($"expected Lab [N,3,H,W] or ab [N,2,H,W], got [{string.Join(", ", images.shape)}]");
        return images.narrow(1, images.size(1) - 2, 2).to(ScalarType.Float64);
    }
}
