using System.Text.Json;
using ColorPix.Core.Imaging;
using ColorPix.Web.Cli;

namespace ColorPix.Tests.Cli;

/// <summary>The data -> train -> eval -> colorize path, as a user drives it, in a throwaway repository folder.</summary>
[NonParallelizable]
public class PipelineCliTests
{
    private string repo = "";
    private string previousDirectory = "";

    [OneTimeSetUp]
    public void CreateRepository()
    {
        repo = Directory.CreateTempSubdirectory("cpx-cli-").FullName;
        File.WriteAllText(Path.Combine(repo, "ColorPix.sln"), "");
        var photos = Directory.CreateDirectory(Path.Combine(repo, "photos")).FullName;
        var random = new Random(9);
        for (var i = 0; i < 24; i++)
        {
            // Two-tone photos with a gradient: colored, not grayscale, and cheap.
            var (w, h) = (96, 80);
            var pixels = new byte[w * h * 3];
            var (r, g, b) = (random.Next(256), random.Next(256), random.Next(256));
            for (var p = 0; p < w * h; p++)
            {
                var x = p % w;
                pixels[3 * p] = (byte)((r + x) % 256);
                pixels[3 * p + 1] = (byte)g;
                pixels[3 * p + 2] = (byte)(x < w / 2 ? b : 255 - b);
            }
            using var image = Image.FromPixels(pixels, w, h, 3);
            File.WriteAllBytes(Path.Combine(photos, $"p{i:D2}.jpg"), image.Encode(ImageFormat.Jpeg, 95));
        }
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

    [Test, Order(1)]
    public void Data_builds_and_checks_a_manifest_of_a_photo_folder()
    {
        var (exit, output, error) = Run("data", "coco", "--source", Path.Combine(repo, "photos"), "--name", "tiny");
        exit.Should().Be(0, output + error);
        File.Exists(Path.Combine(repo, "data", "splits", "tiny.json")).Should().BeTrue();
        Run("data", "check", "tiny").Exit.Should().Be(0);
    }

    [Test, Order(2)]
    public void Train_writes_checkpoints_and_an_mlflow_run()
    {
        var (exit, output, error) = Run("train", "--model", "autoencoder", "--data", "tiny", "--size", "64", "--width", "0.125",
            "--epochs", "2", "--batch", "2", "--max-batches", "2", "--run-name", "cli-ae", "--workers", "1");
        exit.Should().Be(0, output + error);
        File.Exists(Path.Combine(repo, "checkpoints", "cli-ae", "best", "model.safetensors")).Should().BeTrue();
        var runs = Directory.GetFiles(Path.Combine(repo, "mlruns"), "meta.yaml", SearchOption.AllDirectories)
            .Where(p => File.ReadAllText(p).Contains("run_name: cli-ae")).ToList();
        runs.Should().ContainSingle();
        File.ReadAllText(runs[0]).Should().Contain("status: 3", "a finished run");
        File.ReadAllLines(Path.Combine(Path.GetDirectoryName(runs[0])!, "metrics", "val_mse")).Should().HaveCount(2, "one value per epoch");
    }

    [Test, Order(3)]
    public void Eval_reports_the_model_next_to_the_gray_baseline()
    {
        var (exit, output, error) = Run("eval", "--checkpoint", "checkpoints/cli-ae/best/model.safetensors", "--data", "tiny", "--split", "test", "--json");
        exit.Should().Be(0, error);
        using var report = JsonDocument.Parse(output);
        report.RootElement.GetProperty("model").GetProperty("imageCount").GetInt32().Should().BeGreaterThan(0);
        report.RootElement.GetProperty("grayBaseline").GetProperty("colorfulness").GetDouble().Should().BeLessThan(0.1);
    }

    [Test, Order(4)]
    public void Colorize_writes_a_result_of_the_input_size_and_reports_bad_inputs()
    {
        var photo = Path.Combine(repo, "photos", "p00.jpg");
        var missing = Path.Combine(repo, "photos", "missing.jpg");
        var text = Path.Combine(repo, "notes.txt");
        File.WriteAllText(text, "not an image");
        var (exit, output, error) = Run("colorize", photo, missing, text, "--model", "autoencoder",
            "--checkpoint", "checkpoints/cli-ae/best/model.safetensors", "--out", "out");
        exit.Should().Be(1, "two inputs failed");
        error.Should().Contain("missing.jpg").And.Contain("notes.txt");
        using var result = Image.Decode(File.ReadAllBytes(Path.Combine(repo, "out", "p00.autoencoder.png")));
        (result.Width, result.Height).Should().Be((96, 80));
    }

    [Test, Order(4)]
    public void Colorize_takes_a_folder_as_an_album_and_counts_what_it_did()
    {
        var album = Directory.CreateDirectory(Path.Combine(repo, "album")).FullName;
        foreach (var name in new[] { "p00.jpg", "p01.jpg" }) File.Copy(Path.Combine(repo, "photos", name), Path.Combine(album, name));
        File.WriteAllText(Path.Combine(album, "README.txt"), "not a photo: skipped, not an error");

        var (exit, output, error) = Run("colorize", album, "--model", "autoencoder", "--checkpoint", "checkpoints/cli-ae/best/model.safetensors", "--out", "album-out");

        exit.Should().Be(0, output + error);
        output.Should().Contain("[1/2] ").And.Contain("[2/2] ").And.Contain("2 of 2 photos colorized into album-out");
        Directory.EnumerateFiles(Path.Combine(repo, "album-out")).Select(Path.GetFileName).Order().Should().Equal("p00.autoencoder.png", "p01.autoencoder.png");
    }

    [Test, Order(5)]
    public void Resume_keeps_the_recorded_epochs_unless_told_otherwise()
    {
        var (exit, output, error) = Run("train", "--model", "autoencoder", "--resume", "cli-ae", "--workers", "1");
        exit.Should().Be(0, output + error);
        output.Should().NotContain("epoch 3:", "the run already has its 2 epochs");

        (exit, output, error) = Run("train", "--model", "autoencoder", "--resume", "cli-ae", "--epochs", "3", "--workers", "1");
        exit.Should().Be(0, output + error);
        output.Should().Contain("epoch 3:").And.NotContain("epoch 4:");
    }

    [Test, Order(6)]
    public void Train_on_a_union_records_the_whole_name_and_counts_shared_photos_once()
    {
        Run("data", "coco", "--source", Path.Combine(repo, "photos"), "--name", "same-photos").Exit.Should().Be(0);

        var (exit, output, error) = Run("train", "--model", "autoencoder", "--data", "tiny+same-photos", "--size", "64", "--width", "0.125",
            "--epochs", "1", "--batch", "2", "--max-batches", "1", "--run-name", "cli-union", "--workers", "1");

        exit.Should().Be(0, output + error);
        var run = Directory.GetFiles(Path.Combine(repo, "mlruns"), "meta.yaml", SearchOption.AllDirectories)
            .Single(p => File.ReadAllText(p).Contains("run_name: cli-union"));
        File.ReadAllText(Path.Combine(Path.GetDirectoryName(run)!, "params", "Data")).Should().Be("tiny+same-photos");
        var union = Core.Data.LoadedDataset.Open("tiny+same-photos", repo).Manifest;
        union.Entries.Should().HaveCount(24, "both manifests list the same 24 photos");
    }

    [TestCase("train", "--model", "autoencoder", "--data", "sample+no-such-dataset")]
    [TestCase("train", "--model", "autoencoder", "--resume", "nope")]
    [TestCase("train", "--model", "pix2pix", "--size", "96")]
    [TestCase("train", "--model", "autoencoder", "--data", "no-such-dataset")]
    [TestCase("eval", "--checkpoint", "no/such/model.safetensors")]
    [TestCase("colorize", "x.jpg", "--model", "both", "--checkpoint", "a.safetensors")]
    [TestCase("data", "coco", "--source", "/no/such/folder")]
    public void Bad_input_gives_a_message_and_a_non_zero_exit(params string[] args)
    {
        var (exit, output, error) = Run(args);
        exit.Should().NotBe(0);
        (output + error).Should().NotContain("   at ", "no stack trace for users");
        (output + error).Trim().Should().NotBeEmpty();
    }
}
