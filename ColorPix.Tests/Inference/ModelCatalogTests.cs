using System.Security.Cryptography;
using ColorPix.Core.Data;
using ColorPix.Core.Inference;
using ColorPix.Core.Metrics;
using ColorPix.Core.Models;
using static ColorPix.Tests.Inference.InferenceFixtures;

namespace ColorPix.Tests.Inference;

public class ModelCatalogTests
{
    private string root = "";

    [SetUp]
    public void CreateRoot() => root = TemporaryFolder();

    [TearDown]
    public void DeleteRoot() => Directory.Delete(root, recursive: true);

    [Test]
    public void The_shipped_checkpoints_load_with_their_version_and_metrics()
    {
        var autoEncoderPath = SaveShipped(root, ModelKind.AutoEncoder, new Dictionary<string, string> { ["epoch"] = "7" });
        SaveShipped(root, ModelKind.Pix2Pix);
        var summary = new EvaluationSummary(0.01, 24.5, 0.9, 0.8, 30, 12);
        File.WriteAllText(Path.Combine(Path.GetDirectoryName(autoEncoderPath)!, ModelCatalog.MetricsFileName),
            new EvaluationReport(summary, summary with { Psnr = 22 }).ToJson());

        using var catalog = ModelCatalog.LoadShipped(root);

        catalog.Describe().Should().OnlyContain(m => m.IsAvailable && m.Problem == null);
        var autoEncoder = catalog.Describe(ModelKind.AutoEncoder).Info!;
        var hash = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(autoEncoderPath)))[..12];
        autoEncoder.Version.Should().Be($"{hash}-epoch7");
        autoEncoder.ImageSize.Should().Be(AutoEncoderSize);
        autoEncoder.Metrics!.Model.Psnr.Should().Be(24.5);
        var pix2Pix = catalog.Describe(ModelKind.Pix2Pix).Info!;
        (pix2Pix.Epoch, pix2Pix.Metrics, pix2Pix.ImageSize).Should().Be((null, null, 128));
        using var lease = catalog.Acquire(ModelKind.Pix2Pix);
        lease!.Model.Kind.Should().Be(ModelKind.Pix2Pix);
    }

    [Test]
    public void A_missing_checkpoint_makes_its_model_unavailable_with_the_reason()
    {
        SaveShipped(root, ModelKind.AutoEncoder);

        using var catalog = ModelCatalog.LoadShipped(root);

        catalog.Describe(ModelKind.AutoEncoder).IsAvailable.Should().BeTrue();
        var pix2Pix = catalog.Describe(ModelKind.Pix2Pix);
        pix2Pix.IsAvailable.Should().BeFalse();
        pix2Pix.Problem.Should().Be($"no checkpoint at {RepoPaths.ShippedModel(root, "pix2pix")}");
        catalog.Acquire(ModelKind.Pix2Pix).Should().BeNull();
        catalog.ImageSize(ModelKind.Pix2Pix).Should().BeNull();
    }

    [Test]
    public void A_checkpoint_of_the_wrong_kind_or_a_corrupt_one_is_reported_not_thrown()
    {
        var pix2PixPath = SaveShipped(root, ModelKind.Pix2Pix);
        var corrupt = Path.Combine(root, "corrupt.safetensors");
        File.WriteAllBytes(corrupt, [1, 2, 3]);

        using var catalog = ModelCatalog.Load(new Dictionary<ModelKind, string>
        {
            [ModelKind.AutoEncoder] = pix2PixPath,
            [ModelKind.Pix2Pix] = corrupt,
        });

        catalog.Describe(ModelKind.AutoEncoder).Problem.Should().Contain("holds a pix2pix model");
        catalog.Describe(ModelKind.Pix2Pix).Problem.Should().StartWith($"cannot load {corrupt}");
    }

    [Test]
    public async Task Replace_swaps_the_model_while_a_request_in_flight_finishes_on_the_old_one()
    {
        var network = new GatedNetwork();
        using var catalog = ModelCatalog.FromModels(new Dictionary<ModelKind, ColorizationModel> { [ModelKind.AutoEncoder] = GatedNetwork.Model(network) });
        await using var queue = new ColorizationQueue(catalog, new InferenceOptions { MaxBatch = 1 });
        using var photo = Photo(80, 60);
        network.Close();
        var inFlight = queue.ColorizeAsync(photo, ModelKind.AutoEncoder);
        network.WaitUntilEntered();

        var replacement = catalog.Replace(ModelKind.AutoEncoder, SaveShipped(root, ModelKind.AutoEncoder, new Dictionary<string, string> { ["epoch"] = "2" }));

        replacement.Epoch.Should().Be(2);
        catalog.Describe(ModelKind.AutoEncoder).Info.Should().Be(replacement);
        network.Weight.IsInvalid.Should().BeFalse("a batch still runs on the old model");
        network.Open();
        using (var result = await inFlight) result.Width.Should().Be(80);
        network.Weight.IsInvalid.Should().BeTrue("the old model goes once its last batch is done");
        using (await queue.ColorizeAsync(photo, ModelKind.AutoEncoder)) network.BatchSizes.Should().HaveCount(1, "the new model serves the next request");
        queue.Status().Models.Single(m => m.Kind == ModelKind.AutoEncoder).Model!.Version.Should().EndWith("-epoch2");
    }

    [Test]
    public void A_failed_replace_keeps_the_current_model()
    {
        SaveShipped(root, ModelKind.AutoEncoder);
        using var catalog = ModelCatalog.LoadShipped(root);
        var before = catalog.Describe(ModelKind.AutoEncoder).Info;

        var act = () => catalog.Replace(ModelKind.AutoEncoder, Path.Combine(root, "absent.safetensors"));

        act.Should().Throw<FileNotFoundException>();
        catalog.Describe(ModelKind.AutoEncoder).Info.Should().Be(before);
        using var lease = catalog.Acquire(ModelKind.AutoEncoder);
        lease.Should().NotBeNull();
    }
}
