using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;
using static TorchSharp.torch.nn;

namespace ColorPix.Core.Metrics;

/// <summary>
/// SSIM of Wang et al. (2004) on RGB images in [0,1], per image: an 11x11 Gaussian window (sigma 1.5),
/// K1 = 0.01, K2 = 0.03, data range 1, population (not sample) covariances, computed per channel over the
/// valid region (windows wholly inside the image, no padding) and averaged over pixels and channels.
/// This is scikit-image's structural_similarity(gaussian_weights=True, sigma=1.5, use_sample_covariance=False,
/// data_range=1, channel_axis=...): it filters with the same truncated, normalised Gaussian and then crops
/// the 5-pixel border, which leaves exactly the valid convolution.
/// </summary>
public static class StructuralSimilarity
{
    public const int WindowSize = 11;
    public const double Sigma = 1.5;
    public const double K1 = 0.01;
    public const double K2 = 0.03;

    /// <summary>The 2-D window: the outer product of the normalised 1-D Gaussian, summing to 1.</summary>
    public static double[,] GaussianWindow()
    {
        var radius = WindowSize / 2;
        var line = Enumerable.Range(-radius, WindowSize).Select(x => Math.Exp(-x * x / (2 * Sigma * Sigma))).ToArray();
        var total = line.Sum();
        var window = new double[WindowSize, WindowSize];
        for (var y = 0; y < WindowSize; y++)
        for (var x = 0; x < WindowSize; x++)
            window[y, x] = line[y] / total * (line[x] / total);
        return window;
    }

    public static double[] Ssim(Tensor predictedRgb, Tensor trueRgb)
    {
        using var scope = torch.NewDisposeScope();
        var x = ColorizationMetrics.AsBatch(predictedRgb);
        var y = ColorizationMetrics.AsBatch(trueRgb);
        if (x.size(2) < WindowSize || x.size(3) < WindowSize)
            throw new ArgumentException($"SSIM needs images of at least {WindowSize}x{WindowSize}, got {x.size(2)}x{x.size(3)}");

        // One grouped convolution filters the five local statistics of all images at once.
        var n = x.size(0);
        var filtered = Filter(torch.cat([x, y, x * x, y * y, x * y], 0));
        var (muX, muY) = (filtered.narrow(0, 0, n), filtered.narrow(0, n, n));
        var varianceX = filtered.narrow(0, 2 * n, n) - muX * muX;
        var varianceY = filtered.narrow(0, 3 * n, n) - muY * muY;
        var covariance = filtered.narrow(0, 4 * n, n) - muX * muY;

        const double c1 = K1 * K1, c2 = K2 * K2;   // (K * data range)^2 with data range 1
        var numerator = (muX * muY * 2 + c1) * (covariance * 2 + c2);
        var denominator = (muX * muX + muY * muY + c1) * (varianceX + varianceY + c2);
        return (numerator / denominator).mean([1, 2, 3]).data<double>().ToArray();
    }

    private static Tensor Filter(Tensor images)
    {
        var window = GaussianWindow();
        var weights = new double[WindowSize * WindowSize];
        Buffer.BlockCopy(window, 0, weights, 0, weights.Length * sizeof(double));
        var kernel = torch.tensor(weights, 1, 1, WindowSize, WindowSize).expand(3, 1, WindowSize, WindowSize).contiguous();
        return F.conv2d(images, kernel, groups: 3);
    }
}
