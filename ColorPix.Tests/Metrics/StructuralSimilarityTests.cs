using ColorPix.Core.Metrics;
using TorchSharp;
using static TorchSharp.torch;

namespace ColorPix.Tests.Metrics;

public class StructuralSimilarityTests
{
    [Test]
    public void Ssim_of_identical_images_is_one()
    {
        using var scope = torch.NewDisposeScope();
        var images = torch.rand(2, 3, 16, 12);

        StructuralSimilarity.Ssim(images, images).Should().AllSatisfy(s => s.Should().BeApproximately(1, 1e-12));
    }

    [Test]
    public void Ssim_of_a_noisy_image_and_its_negative_is_below_zero()
    {
        using var scope = torch.NewDisposeScope();
        var image = torch.rand(1, 3, 16, 16);

        StructuralSimilarity.Ssim(image, 1 - image)[0].Should().BeLessThan(0);
    }

    [Test]
    public void Gaussian_window_is_normalised_and_symmetric()
    {
        var window = StructuralSimilarity.GaussianWindow();

        window.Cast<double>().Sum().Should().BeApproximately(1, 1e-12);
        window[0, 3].Should().Be(window[10, 3]).And.Be(window[3, 0]);
        window[5, 5].Should().BeGreaterThan(window[5, 4]);
    }

    [Test]
    public void Ssim_matches_a_straightforward_managed_implementation_per_image()
    {
        const int n = 2, height = 13, width = 15;
        var random = new Random(7);
        var x = Enumerable.Range(0, n * 3 * height * width).Select(_ => random.NextDouble()).ToArray();
        var y = x.Select(v => Math.Clamp(0.7 * v + 0.2 * random.NextDouble(), 0, 1)).ToArray();
        using var scope = torch.NewDisposeScope();

        var actual = StructuralSimilarity.Ssim(torch.tensor(x, n, 3, height, width), torch.tensor(y, n, 3, height, width));

        for (var image = 0; image < n; image++)
            actual[image].Should().BeApproximately(ReferenceSsim(x, y, image, height, width), 1e-10);
        actual[0].Should().NotBeApproximately(actual[1], 1e-6, "each image is scored on its own");
    }

    [Test]
    public void Ssim_refuses_images_smaller_than_the_window()
    {
        using var scope = torch.NewDisposeScope();
        var small = torch.rand(1, 3, 10, 20);

        FluentActions.Invoking(() => StructuralSimilarity.Ssim(small, small)).Should().Throw<ArgumentException>();
    }

    // Wang et al. 2004 written out: Gaussian-weighted local means, population variances and covariance
    // over every window wholly inside the image, SSIM averaged over windows and then over channels.
    private static double ReferenceSsim(double[] x, double[] y, int image, int height, int width)
    {
        var window = StructuralSimilarity.GaussianWindow();
        const int size = StructuralSimilarity.WindowSize;
        const double c1 = 0.01 * 0.01, c2 = 0.03 * 0.03;
        double channelSum = 0;
        for (var channel = 0; channel < 3; channel++)
        {
            var offset = (image * 3 + channel) * height * width;
            double total = 0;
            var count = 0;
            for (var top = 0; top + size <= height; top++)
            for (var left = 0; left + size <= width; left++)
            {
                double mx = 0, my = 0, mxx = 0, myy = 0, mxy = 0;
                for (var i = 0; i < size; i++)
                for (var j = 0; j < size; j++)
                {
                    var w = window[i, j];
                    var index = offset + (top + i) * width + left + j;
                    mx += w * x[index];
                    my += w * y[index];
                    mxx += w * x[index] * x[index];
                    myy += w * y[index] * y[index];
                    mxy += w * x[index] * y[index];
                }
                double vx = mxx - mx * mx, vy = myy - my * my, cxy = mxy - mx * my;
                total += (2 * mx * my + c1) * (2 * cxy + c2) / ((mx * mx + my * my + c1) * (vx + vy + c2));
                count++;
            }
            channelSum += total / count;
        }
        return channelSum / 3;
    }
}
