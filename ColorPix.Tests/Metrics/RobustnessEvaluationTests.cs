using ColorPix.Core.Color;
using ColorPix.Core.Data;
using ColorPix.Core.Imaging;
using ColorPix.Core.Inference;
using ColorPix.Core.Metrics;
using ColorPix.Core.Models;
using ColorPix.Tests.Data;
using ColorPix.Tests.Inference;
using ColorPix.Training.Evaluation;
using ColorPix.Training.Tracking;
using TorchSharp;

namespace ColorPix.Tests.Metrics;

public class RobustnessEvaluationTests
{
    [Test]
    public void Full_resolution_scores_in_strips_equal_the_whole_image_metrics()
    {
        // 150 rows: three strips of 64, 64 and 22.
        using var truth = InferenceFixtures.Photo(90, 150, seed: 1);
        using var predicted = InferenceFixtures.Photo(90, 150, seed: 2);
        using var scope = torch.NewDisposeScope();
        var whole = ImageScores.Compute(Lab.RgbToLab(ImageTensors.RgbBatch(predicted)), Lab.RgbToLab(ImageTensors.RgbBatch(truth)))[0];

        var strips = PhotoScores.Compute(predicted, truth);

        strips.AbMse.Should().BeApproximately(whole.AbMse, whole.AbMse * 1e-4);
        strips.Auc.Should().BeApproximately(whole.Auc, 1e-3);
        strips.Psnr.Should().BeApproximately(whole.Psnr, 1e-3);
        strips.Colorfulness.Should().BeApproximately(whole.Colorfulness, 1e-3);
        whole.AbMse.Should().BeGreaterThan(100, "two random photos differ: the comparison is not trivially equal");
    }

    [Test]
    public void A_photo_scored_against_itself_is_perfect_and_its_gray_has_no_colour()
    {
        using var photo = InferenceFixtures.Photo(40, 70, seed: 3);
        using var gray = GrayInput.Of(photo);

        var self = PhotoScores.Compute(photo, photo);
        (self.AbMse, self.Auc, self.Psnr).Should().Be((0, 100, double.PositiveInfinity));
        var baseline = PhotoScores.Compute(gray, photo);
        baseline.Colorfulness.Should().BeApproximately(0, 0.01);
        baseline.Auc.Should().BeLessThan(100);
        FluentActions.Invoking(() => PhotoScores.Compute(GrayInput.Crop(photo, 0, 0, 40, 69), photo)).Should().Throw<ArgumentException>();
    }

    [Test]
    public void The_report_averages_each_condition_and_predictor_and_caps_psnr()
    {
        var accumulator = new RobustnessAccumulator(["gray", "model"], [("clean", "", "clean"), ("noise", "σ=10", "noise_s10")]);
        for (var image = 0; image < 2; image++)
        {
            accumulator.Add(0, 0, new PhotoScores(10, double.PositiveInfinity, 90, 0));
            accumulator.Add(0, 1, new PhotoScores(5, 30 + image * 10, 95, 20));
            accumulator.Add(1, 0, new PhotoScores(10, 20, 90, 0));
            accumulator.Add(1, 1, new PhotoScores(7, 25, 93 - image * 2, 18));
            accumulator.AddOriginal(30 + image * 10);
        }

        var report = accumulator.Report("test");

        report.ImageCount.Should().Be(2);
        report.Rows.Select(r => r.Key).Should().Equal("clean", "noise_s10");
        report.Rows.Select(r => r.Condition).Should().Equal("clean", "noise σ=10");
        report.Clean.Scores["gray"].Should().Be(new PhotoSummary(10, MetricAccumulator.PsnrCapDb, 90, 0));
        report.Rows[1].Scores["model"].Should().Be(new PhotoSummary(7, 25, 92, 18));
        report.OriginalColorfulness.Should().Be(35);
        RobustnessReport.FromJson(report.ToJson()).Rows[1].Scores["model"].Should().Be(report.Rows[1].Scores["model"]);
    }

    [Test]
    public void A_report_with_a_predictor_missing_under_one_condition_is_refused()
    {
        var accumulator = new RobustnessAccumulator(["gray", "model"], [("clean", "", "clean"), ("blur", "σ=2px", "blur_s2")]);
        accumulator.Add(0, 0, new PhotoScores(1, 1, 1, 1));
        accumulator.Add(0, 1, new PhotoScores(1, 1, 1, 1));
        accumulator.Add(1, 0, new PhotoScores(1, 1, 1, 1));
        accumulator.AddOriginal(1);
        FluentActions.Invoking(() => accumulator.Report("test")).Should().Throw<InvalidOperationException>().WithMessage("*model*blur*");
        FluentActions.Invoking(() => new RobustnessAccumulator(["gray"], [("clean", "", "clean"), ("again", "", "clean")])).Should().Throw<ArgumentException>();
    }

    [Test]
    public void Robustness_of_a_tiny_model_has_one_row_per_damage_with_finite_scores()
    {
        using var tree = new PhotoTree();
        var dataset = EvaluationPhotos.Tiny(tree);
        using var model = InferenceFixtures.TinyAutoEncoder();

        var report = RobustnessEvaluation.Run([("autoencoder", model)], dataset, Split.Test, Perturbations.Evaluation);

        report.ImageCount.Should().Be(3);
        report.Predictors.Should().Equal("gray", "autoencoder");
        report.Rows.Select(r => r.Key).Should().Equal(Perturbations.Evaluation.Select(p => p.Key).Prepend("clean"));
        report.Rows.Select(r => r.Condition).Should().Equal(Perturbations.Evaluation.Select(p => p.ToString()).Prepend("clean"));
        report.Rows.SelectMany(r => r.Scores.Values).Should().OnlyContain(s =>
            double.IsFinite(s.AbMse) && double.IsFinite(s.Psnr) && s.Auc > 0 && s.Auc <= 100 && double.IsFinite(s.Colorfulness));
        foreach (var row in report.Rows.Skip(1))
        {
            // The baseline predicts a = b = 0 whatever the input: damage changes its lightness, never its ab error.
            row.Scores["gray"].Auc.Should().BeApproximately(report.Clean.Scores["gray"].Auc, 0.05, row.Condition);
            row.Scores["gray"].Psnr.Should().NotBe(report.Clean.Scores["gray"].Psnr, row.Condition);
        }
        foreach (var noisy in report.Rows.Where(r => r.Name is "noise" or "grain"))
            noisy.Scores["gray"].Psnr.Should().BeLessThan(report.Clean.Scores["gray"].Psnr, noisy.Condition);
        RobustnessEvaluation.Run([("autoencoder", model)], dataset, Split.Test, Perturbations.Evaluation).ToJson()
            .Should().Be(report.ToJson(), "the damage is seeded: a report is reproducible");
    }

    [Test]
    public void Robustness_scores_the_image_the_service_returns_for_the_damaged_input()
    {
        using var tree = new PhotoTree();
        var dataset = EvaluationPhotos.Tiny(tree);
        using var model = InferenceFixtures.TinyAutoEncoder();
        var blur = new GaussianBlur(2);

        var report = RobustnessEvaluation.Run([("autoencoder", model)], dataset, Split.Test, [blur]);

        // Recomputed by hand: each blurred gray photo, colorized at full size, scored against its original.
        var expected = Enumerable.Range(0, 3).Select(i =>
        {
            using var original = dataset.TryLoad(i, out _)!;
            using var gray = GrayInput.Of(original);
            using var blurred = blur.Apply(gray, new Random(0));
            using var colorized = Colorizer.Colorize(model, blurred);
            (colorized.Width, colorized.Height).Should().Be((original.Width, original.Height));
            return PhotoScores.Compute(colorized, original).Auc;
        }).Average();
        report.Rows[1].Scores["autoencoder"].Auc.Should().BeApproximately(expected, 1e-9);
        var originals = Enumerable.Range(0, 3).Select(i =>
        {
            using var original = dataset.TryLoad(i, out _)!;
            return PhotoScores.Compute(original, original).Colorfulness;
        }).Average();
        report.OriginalColorfulness.Should().BeApproximately(originals, 1e-9).And.BeGreaterThan(report.Clean.Scores["gray"].Colorfulness + 1);
    }

    [Test]
    public void An_evaluation_run_records_each_row_as_metrics_and_the_report_as_an_artifact()
    {
        using var tree = new PhotoTree();
        var dataset = EvaluationPhotos.Tiny(tree);
        using var model = InferenceFixtures.TinyAutoEncoder();
        var robustness = RobustnessEvaluation.Run([("autoencoder", model)], dataset, Split.Test, [new GaussianNoise(10)]);
        var summary = new EvaluationSummary(1, 2, 0.5, 80, 10, 3);
        var store = new MlflowFileStore(Path.Combine(tree.RepoRoot, "mlruns"));

        var runId = MlflowEvaluationRecorder.Record(store, ModelKind.AutoEncoder, Path.Combine(tree.RepoRoot, "run", "model.safetensors"), "tiny", "test",
            new EvaluationReport(summary, summary), robustness, "autoencoder");

        var run = Directory.GetDirectories(Path.Combine(tree.RepoRoot, "mlruns"), runId, SearchOption.AllDirectories).Single();
        double Metric(string key) => double.Parse(File.ReadAllText(Path.Combine(run, "metrics", key)).Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        Metric("auc.noise_s10").Should().BeApproximately(robustness.Rows[1].Scores["autoencoder"].Auc, 1e-9);
        Metric("gray_auc.clean").Should().BeApproximately(robustness.Clean.Scores["gray"].Auc, 1e-9);
        Metric("psnr.clean").Should().BeApproximately(robustness.Clean.Scores["autoencoder"].Psnr, 1e-9);
        File.ReadAllText(Path.Combine(run, "artifacts", "robustness.json")).Should().Be(robustness.ToJson());
        File.Exists(Path.Combine(run, "artifacts", "eval.json")).Should().BeTrue();
    }
}
