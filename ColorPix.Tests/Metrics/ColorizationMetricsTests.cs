using ColorPix.Core.Metrics;
using TorchSharp;
using static TorchSharp.torch;

namespace ColorPix.Tests.Metrics;

public class ColorizationMetricsTests
{
    // Lab [N,3,1,2] from per-image (L, a, b) channel values of two pixels.
    private static Tensor LabImages(params float[][] images) =>
        torch.tensor(images.SelectMany(channels => channels).ToArray(), images.Length, 3, 1, 2);

    [Test]
    public void Ab_mse_averages_squared_ab_differences_per_image_and_ignores_lightness()
    {
        using var scope = torch.NewDisposeScope();
        var predicted = LabImages([50, 60, 1, 2, 3, 4], [10, 20, 5, 5, -5, -5]);
        var truth = LabImages([0, 100, 0, 0, 0, 0], [10, 20, 5, 5, -5, -5]);

        ColorizationMetrics.AbMse(predicted, truth).Should().Equal((1 + 4 + 9 + 16) / 4.0, 0);
        ColorizationMetrics.AbMse(predicted.narrow(1, 1, 2), truth.narrow(1, 1, 2)).Should().Equal(7.5, 0);
    }

    [Test]
    public void Psnr_of_a_uniform_error_of_one_tenth_is_20_dB_and_identical_images_are_infinite()
    {
        using var scope = torch.NewDisposeScope();
        var truth = torch.rand(2, 3, 4, 4).mul(0.8);
        var predicted = torch.cat([truth[0].unsqueeze(0) + 0.1, truth[1].unsqueeze(0)], 0);

        var psnr = ColorizationMetrics.Psnr(predicted, truth);

        psnr[0].Should().BeApproximately(20, 1e-4);
        psnr[1].Should().Be(double.PositiveInfinity);
    }

    public static IEnumerable<TestCaseData> AucCases()
    {
        yield return new TestCaseData(0f, 0f, 100.0).SetName("AuC_of_a_perfect_prediction_is_100");
        // ||(45, 60)|| = 75 exactly: thresholds 75..150 pass, 76 of the 151.
        yield return new TestCaseData(45f, 60f, 76 / 151.0 * 100).SetName("AuC_of_a_uniform_error_of_75_passes_76_of_151_thresholds");
        yield return new TestCaseData(0.5f, 0f, 150 / 151.0 * 100).SetName("AuC_of_a_half_unit_error_fails_only_the_zero_threshold");
        yield return new TestCaseData(150f, 0f, 1 / 151.0 * 100).SetName("AuC_of_an_error_of_150_passes_only_the_last_threshold");
        yield return new TestCaseData(120f, 120f, 0.0).SetName("AuC_of_an_error_beyond_150_is_0");
    }

    [TestCaseSource(nameof(AucCases))]
    public void Auc_matches_the_share_of_thresholds_passed(float errorA, float errorB, double expected)
    {
        using var scope = torch.NewDisposeScope();
        var truth = LabImages([50, 50, 10, -20, 30, 7]);
        var predicted = LabImages([50, 50, 10 + errorA, -20 + errorA, 30 + errorB, 7 + errorB]);

        ColorizationMetrics.AbErrorAuc(predicted, truth).Should().ContainSingle().Which.Should().BeApproximately(expected, 1e-9);
    }

    [Test]
    public void Auc_averages_over_pixels_by_direct_count_of_each_threshold()
    {
        using var scope = torch.NewDisposeScope();
        var errors = new[] { 0.0, 3.2, 40, 149.9, 151, 75 };
        var truth = torch.zeros(1, 3, 2, 3);
        var predicted = torch.cat([torch.zeros(1, 2, 2, 3), torch.tensor(errors.Select(e => (float)e).ToArray(), 1, 1, 2, 3)], 1);

        var expected = Enumerable.Range(0, 151).Average(t => errors.Count(e => e <= t) / (double)errors.Length) * 100;

        ColorizationMetrics.AbErrorAuc(predicted, truth)[0].Should().BeApproximately(expected, 1e-9);
    }

    [Test]
    public void Colorfulness_of_a_gray_image_is_zero()
    {
        using var scope = torch.NewDisposeScope();
        var gray = torch.rand(1, 1, 4, 4).expand(1, 3, 4, 4).contiguous();

        ColorizationMetrics.Colorfulness(gray)[0].Should().BeApproximately(0, 1e-9);
    }

    [Test]
    public void Colorfulness_of_a_half_red_half_blue_image_follows_the_hand_formula()
    {
        using var scope = torch.NewDisposeScope();
        // Pixels red, blue, red, blue as [1,3,2,2] channel planes.
        var image = torch.tensor(new float[] { 1, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 1 }, 1, 3, 2, 2);
        // red: rg = 255, yb = 127.5; blue: rg = 0, yb = -255. Population std of two equal halves is half the gap.
        double meanRg = 127.5, meanYb = -63.75, stdRg = 127.5, stdYb = 191.25;
        var expected = Math.Sqrt(stdRg * stdRg + stdYb * stdYb) + 0.3 * Math.Sqrt(meanRg * meanRg + meanYb * meanYb);

        ColorizationMetrics.Colorfulness(image)[0].Should().BeApproximately(expected, 1e-6);
    }

    [Test]
    public void Metrics_refuse_tensors_that_are_not_batched_images()
    {
        using var scope = torch.NewDisposeScope();
        var unbatched = torch.zeros(3, 4, 4);

        FluentActions.Invoking(() => ColorizationMetrics.Psnr(unbatched, unbatched)).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => ColorizationMetrics.AbMse(unbatched, unbatched)).Should().Throw<ArgumentException>();
    }
}
