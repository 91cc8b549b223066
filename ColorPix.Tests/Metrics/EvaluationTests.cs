using System.Text.Json;
using ColorPix.Core.Color;
using ColorPix.Core.Metrics;
using TorchSharp;
using static TorchSharp.torch;

namespace ColorPix.Tests.Metrics;

public class EvaluationTests
{
    [Test]
    public void Gray_baseline_keeps_lightness_and_zeroes_chroma()
    {
        using var scope = torch.NewDisposeScope();
        var lab = torch.tensor(new float[] { 10, 90, 5, -5, 20, 30 }, 1, 3, 1, 2);

        var baseline = GrayBaseline.FromLab(lab);

        baseline.shape.Should().Equal(1, 3, 1, 2);
        baseline.data<float>().ToArray().Should().Equal(10, 90, 0, 0, 0, 0);
    }

    [Test]
    public void Gray_baseline_of_a_gray_image_is_a_perfect_prediction()
    {
        using var scope = torch.NewDisposeScope();
        // A gray image is defined in Lab (a = b = 0): sRGB grays converted to Lab keep ~1e-3 of chroma
        // because the D65 white point and the sRGB matrix rows do not agree to the last digit.
        var lightness = torch.rand(2, 1, 12, 12) * 100;
        var gray = GrayBaseline.FromLightness(lightness);

        var scores = ImageScores.Compute(GrayBaseline.FromLab(gray), gray);

        scores.Should().HaveCount(2).And.AllSatisfy(s =>
        {
            s.AbMse.Should().Be(0);
            s.Auc.Should().Be(100);
            s.Psnr.Should().Be(double.PositiveInfinity);
            s.Ssim.Should().BeApproximately(1, 1e-12);
            // The same white-point mismatch leaves a few thousandths of a level of color in its RGB.
            s.Colorfulness.Should().BeApproximately(0, 0.01);
        });
    }

    [Test]
    public void Accumulated_means_cap_infinite_psnr_at_100_dB()
    {
        var accumulator = new MetricAccumulator();
        accumulator.Add(new ImageScores(2, double.PositiveInfinity, 1, 100, 0));
        accumulator.Add(new ImageScores(4, 30, 0.5, 80, 10));

        accumulator.Summary().Should().Be(new EvaluationSummary(3, 65, 0.75, 90, 5, 2));
    }

    [Test]
    public void An_empty_accumulator_has_no_summary()
    {
        FluentActions.Invoking(() => new MetricAccumulator().Summary()).Should().Throw<InvalidOperationException>();
    }

    [Test]
    public void Evaluation_scores_the_model_and_the_gray_baseline_on_the_same_images()
    {
        using var scope = torch.NewDisposeScope();
        var truth = Lab.RgbToLab(torch.rand(3, 3, 12, 12));
        var accumulator = new EvaluationAccumulator();

        accumulator.AddBatch(truth.narrow(0, 0, 2), truth.narrow(0, 0, 2));
        accumulator.AddBatch(truth.narrow(0, 2, 1), truth.narrow(0, 2, 1));
        var report = accumulator.Report();

        report.Model.ImageCount.Should().Be(3);
        report.GrayBaseline.ImageCount.Should().Be(3);
        report.Model.AbMse.Should().Be(0);
        report.Model.Psnr.Should().Be(MetricAccumulator.PsnrCapDb);
        report.GrayBaseline.AbMse.Should().BeGreaterThan(100, "random colors are far from gray");
        report.GrayBaseline.Colorfulness.Should().BeLessThan(report.Model.Colorfulness);
    }

    [Test]
    public void Report_json_is_camel_case_and_round_trips()
    {
        var report = new EvaluationReport(new EvaluationSummary(1.5, 25, 0.9, 88, 30, 10), new EvaluationSummary(40, 22, 0.85, 70, 0, 10));

        var json = report.ToJson();

        using var document = JsonDocument.Parse(json);
        var model = document.RootElement.GetProperty("model");
        model.GetProperty("abMse").GetDouble().Should().Be(1.5);
        model.GetProperty("imageCount").GetInt32().Should().Be(10);
        document.RootElement.GetProperty("grayBaseline").GetProperty("colorfulness").GetDouble().Should().Be(0);
        EvaluationReport.FromJson(json).Should().Be(report);
    }
}
