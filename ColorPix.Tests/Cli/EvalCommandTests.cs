using System.Text.Json;
using ColorPix.Core.Checkpoints;
using ColorPix.Core.Data;
using ColorPix.Core.Imaging;
using ColorPix.Core.Metrics;
using ColorPix.Tests.Inference;
using ColorPix.Web.Cli;

namespace ColorPix.Tests.Cli;

/// <summary>`eval --robustness` as a user runs it, on two tiny models and a few tiny photos in a throwaway repository.</summary>
[NonParallelizable]
public class EvalCommandTests
{
    private string repo = "";
    private string previousDirectory = "";

    [OneTimeSetUp]
    public void CreateRepository()
    {
        repo = Directory.CreateTempSubdirectory("cpx-eval-").FullName;
        File.WriteAllText(Path.Combine(repo, "ColorPix.sln"), "");
        var photos = Directory.CreateDirectory(Path.Combine(repo, "photos")).FullName;
        for (var i = 0; i < 10; i++)
        {
            using var photo = InferenceFixtures.Photo(80 + 4 * i, 60, seed: 30 + i);
            File.WriteAllBytes(Path.Combine(photos, $"p{i}.png"), photo.Encode(ImageFormat.Png));
        }
        var manifest = ManifestBuilder.Build("tiny", photos, repo, new ManifestOptions { Fractions = new SplitFractions(0.4, 0.3, 0.3) });
        manifest.Save(RepoPaths.ManifestPath(repo, "tiny"));
        using (var autoEncoder = InferenceFixtures.TinyAutoEncoder()) ModelCheckpoint.Save(Path.Combine(repo, "ae", "model.safetensors"), autoEncoder);
        using (var pix2Pix = InferenceFixtures.TinyPix2Pix()) ModelCheckpoint.Save(Path.Combine(repo, "p2p", "model.safetensors"), pix2Pix);
        previousDirectory = Directory.GetCurrentDirectory();
        Directory.SetCurrentDirectory(repo);
    }

    [OneTimeTearDown]
    public void DeleteRepository()
    {
        Directory.SetCurrentDirectory(previousDirectory);
        Directory.Delete(repo, recursive: true);
    }

    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = CliApp.Run(["--threads", "1", .. args], output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Test]
    public void Robustness_reports_both_models_and_the_baseline_per_damage_and_records_it()
    {
        if (Directory.Exists("mlruns")) Directory.Delete("mlruns", recursive: true);
        var (exit, output, error) = Run("eval", "--checkpoint", "ae/model.safetensors", "p2p/model.safetensors", "--data", "tiny",
            "--split", "test", "--robustness", "--json", "--output", "robustness.json");

        exit.Should().Be(0, error);
        var report = RobustnessReport.FromJson(output);
        report.Predictors.Should().Equal("gray", "autoencoder", "pix2pix");
        report.Rows.Select(r => r.Key).Should().Equal(Perturbations.Evaluation.Select(p => p.Key).Prepend("clean"));
        report.ImageCount.Should().Be(3);
        File.ReadAllText("robustness.json").Trim().Should().Be(output.Trim());
        var runs = Directory.GetFiles("mlruns", "robustness.json", SearchOption.AllDirectories);
        runs.Should().HaveCount(2, "one evaluation run per model");
        var metrics = Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(runs[0])!)!, "metrics");
        File.Exists(Path.Combine(metrics, "auc.noise_s10")).Should().BeTrue();
        File.Exists(Path.Combine(metrics, "gray_psnr.jpeg_q20")).Should().BeTrue();
        File.Exists(Path.Combine(metrics, "model_auc")).Should().BeTrue("the crop evaluation is recorded beside it");
    }

    [Test]
    public void The_robustness_table_names_each_damage_and_its_strength()
    {
        var (exit, output, error) = Run("eval", "--checkpoint", "ae/model.safetensors", "--data", "tiny", "--split", "test", "--robustness");

        exit.Should().Be(0, error);
        output.Should().Contain("full resolution").And.Contain("noise σ=10").And.Contain("jpeg q=20").And.Contain("old print (*1)").And.Contain("autoencoder")
            .And.Contain("(*1) old print fade contrast=0.75 lift=40 + blur σ=1px").And.Contain("colorfulness of the colour originals: ");
        output.Should().Contain("ab MSE", "the crop evaluation's table comes first");
    }

    [Test]
    public void Several_checkpoints_without_robustness_are_refused()
    {
        var (exit, output, error) = Run("eval", "--checkpoint", "ae/model.safetensors", "p2p/model.safetensors", "--data", "tiny");

        exit.Should().NotBe(0);
        (output + error).Should().Contain("--robustness").And.NotContain("   at ");
    }

    [Test]
    public void Plain_eval_still_prints_the_crop_report()
    {
        var (exit, output, error) = Run("eval", "--checkpoint", "ae/model.safetensors", "--data", "tiny", "--split", "test", "--json");

        exit.Should().Be(0, error);
        using var json = JsonDocument.Parse(output);
        json.RootElement.GetProperty("model").GetProperty("imageCount").GetInt32().Should().Be(3);
    }

    [Test]
    public void A_grid_draws_the_splits_photos_beside_the_report()
    {
        var (exit, _, error) = Run("eval", "--checkpoint", "ae/model.safetensors", "--data", "tiny", "--split", "test", "--grid", "grids/ae.png");

        exit.Should().Be(0, error);
        using var page = Image.Decode(File.ReadAllBytes("grids/ae.png"));
        page.Height.Should().Be(3 * ColorPix.Training.Evaluation.ResultGrid.DefaultRowHeight + 2 * ColorPix.Training.Evaluation.ResultGrid.Gap, "one row per test photo");
        File.ReadAllLines("grids/ae.txt")[0].Should().Be("columns: gray | autoencoder | original");
    }
}
