using System.Globalization;
using ColorPix.Training.Tracking;

namespace ColorPix.Tests.Tracking;

public class MlflowRunLoggingTests : TemporaryStoreTests
{
    [Test]
    public void Metric_lines_are_timestamp_value_step_with_mlflows_spelling_of_non_finite_values()
    {
        using var run = Store.StartRun("0", "metrics");

        run.LogMetric("loss", 0.5, step: 3, timestamp: 1700000000000);
        run.LogMetric("loss", double.NaN, step: 4, timestamp: 1700000000001);
        run.LogMetric("loss", double.PositiveInfinity, step: 5, timestamp: 1700000000002);
        run.LogMetric("loss", double.NegativeInfinity, step: 6, timestamp: 1700000000003);
        run.LogMetric("val/psnr", 21.25, step: 1, timestamp: 1700000000004);

        File.ReadAllText(Path.Combine(run.Directory, "metrics", "loss")).Should().Be(
            "1700000000000 0.5 3\n1700000000001 nan 4\n1700000000002 inf 5\n1700000000003 -inf 6\n");
        File.ReadAllText(Path.Combine(run.Directory, "metrics", "val", "psnr")).Should().Be("1700000000004 21.25 1\n");
    }

    [Test]
    public void Metric_values_are_culture_invariant()
    {
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            using var run = Store.StartRun("0", "german");
            run.LogMetric("ssim", 0.875, step: 10, timestamp: 1234);
            File.ReadAllText(Path.Combine(run.Directory, "metrics", "ssim")).Should().Be("1234 0.875 10\n");
        }
        finally { CultureInfo.CurrentCulture = culture; }
    }

    [Test]
    public void Metric_lines_parse_back_as_mlflow_reads_them()
    {
        MetricPoint.Parse("1234 nan 2").Value.Should().Be(double.NaN);
        MetricPoint.Parse("1234 NaN 2").Value.Should().Be(double.NaN);
        MetricPoint.Parse("1234 Infinity 2").Value.Should().Be(double.PositiveInfinity);
        MetricPoint.Parse("1234 -inf 2").Value.Should().Be(double.NegativeInfinity);
        MetricPoint.Parse("1234 1.5e-07").Should().Be(new MetricPoint(1234, 1.5e-07, 0), "a two-field line has step 0");
        FluentActions.Invoking(() => MetricPoint.Parse("1 2 3 4")).Should().Throw<FormatException>();
    }

    [Test]
    public void Params_have_no_trailing_newline_and_are_immutable()
    {
        using var run = Store.StartRun("0", "params");
        var path = Path.Combine(run.Directory, "params", "lr");

        run.LogParams(new Dictionary<string, string> { ["lr"] = "0.0002", ["batch size"] = "16" });
        run.LogParam("lr", "0.0002");

        File.ReadAllText(path).Should().Be("0.0002");
        File.ReadAllText(Path.Combine(run.Directory, "params", "batch size")).Should().Be("16");
        FluentActions.Invoking(() => run.LogParam("lr", "0.001")).Should().Throw<InvalidOperationException>().WithMessage("*Changing param values*");
        File.ReadAllText(path).Should().Be("0.0002");
    }

    public static IEnumerable<TestCaseData> InvalidKeys() =>
        new[] { "a/../b", "/etc/passwd", "../escape", "a//b", "trailing/", "./x", ".", "", "bad!char", "semi;colon", new string('k', 251) }
            .Select(key => new TestCaseData(key).SetName($"Key {(key.Length > 20 ? "of 251 characters" : $"'{key}'")} is refused for params, metrics and tags"));

    [TestCaseSource(nameof(InvalidKeys))]
    public void Invalid_keys_are_refused(string key)
    {
        using var run = Store.StartRun("0", "invalid");

        FluentActions.Invoking(() => run.LogParam(key, "1")).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => run.LogMetric(key, 1)).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => run.SetTag(key, "1")).Should().Throw<ArgumentException>();
    }

    [Test]
    public void Valid_keys_may_hold_slashes_dots_dashes_and_spaces()
    {
        using var run = Store.StartRun("0", "valid");

        run.LogParam("model/unet.depth-max 8", "8");

        File.Exists(Path.Combine(run.Directory, "params", "model", "unet.depth-max 8")).Should().BeTrue();
    }

    [Test]
    public void Values_over_mlflows_limits_are_refused()
    {
        using var run = Store.StartRun("0", "long");

        run.LogParam("ok", new string('v', MlflowNames.MaxParamValueLength));
        FluentActions.Invoking(() => run.LogParam("too long", new string('v', 6001))).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => run.SetTag("too long", new string('v', 5001))).Should().Throw<ArgumentException>();
    }

    [Test]
    public void Two_threads_logging_metrics_write_only_whole_lines()
    {
        using var run = Store.StartRun("0", "threads");

        Parallel.For(0, 2, thread =>
        {
            for (var step = 0; step < 500; step++) run.LogMetric("shared", thread + step / 1000.0, step, 1000 + step);
        });

        var lines = File.ReadAllLines(Path.Combine(run.Directory, "metrics", "shared"));
        lines.Should().HaveCount(1000).And.AllSatisfy(line => FluentActions.Invoking(() => MetricPoint.Parse(line)).Should().NotThrow());
    }

    [Test]
    public void Artifacts_are_copied_under_the_run_and_may_not_escape_it()
    {
        using var run = Store.StartRun("0", "artifacts");
        var source = Path.Combine(Root, "weights.safetensors");
        File.WriteAllBytes(source, [1, 2, 3]);

        run.LogArtifact(source, "checkpoints");
        run.LogText("{\"psnr\": 22}", "eval/report.json");

        File.ReadAllBytes(Path.Combine(run.ArtifactsDirectory, "checkpoints", "weights.safetensors")).Should().Equal(1, 2, 3);
        File.ReadAllText(Path.Combine(run.ArtifactsDirectory, "eval", "report.json")).Should().Be("{\"psnr\": 22}");
        FluentActions.Invoking(() => run.LogText("x", "../meta.yaml")).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => run.LogArtifact(source, "/tmp")).Should().Throw<ArgumentException>();
    }
}
