using ColorPix.Core.Metrics;

namespace ColorPix.Tests.Metrics;

public class DriftStatisticsTests
{
    private static List<double> Normal(int n, double mean, double sd, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => mean + sd * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble())).ToList();
    }

    [Test]
    public void Two_samples_of_one_distribution_show_no_drift()
    {
        var (reference, window) = (Normal(2000, 100, 20, seed: 1), Normal(1000, 100, 20, seed: 2));

        DriftStatistics.Psi(reference, window).Should().BeLessThan(0.1);
        DriftStatistics.KolmogorovSmirnov(reference, window).P.Should().BeGreaterThan(0.01);
    }

    [Test]
    public void A_shifted_sample_is_a_major_drift_by_both_tests()
    {
        var (reference, window) = (Normal(500, 100, 20, seed: 1), Normal(300, 60, 20, seed: 2));

        DriftStatistics.Psi(reference, window).Should().BeGreaterThan(0.25);
        var (d, p) = DriftStatistics.KolmogorovSmirnov(reference, window);
        d.Should().BeGreaterThan(0.6);
        p.Should().BeLessThan(1e-6);
    }

    [Test]
    public void KS_of_disjoint_samples_is_one_and_of_identical_ones_zero()
    {
        DriftStatistics.KolmogorovSmirnov([1, 2, 3], [4, 5, 6]).D.Should().Be(1);
        DriftStatistics.KolmogorovSmirnov([1, 2, 3, 3], [1, 2, 3, 3]).Should().Be((0.0, 1.0));
    }

    [Test]
    public void A_constant_feature_such_as_all_gray_inputs_drifts_when_the_share_changes()
    {
        var colorInputs = Enumerable.Repeat(0.0, 100).ToList();
        var halfGray = Enumerable.Repeat(0.0, 50).Concat(Enumerable.Repeat(1.0, 50)).ToList();

        DriftStatistics.Psi(colorInputs, colorInputs).Should().Be(0);
        DriftStatistics.Psi(colorInputs, halfGray).Should().BeGreaterThan(0.25);
    }
}
