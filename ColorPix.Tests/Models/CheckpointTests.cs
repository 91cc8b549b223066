using ColorPix.Core.Checkpoints;
using ColorPix.Core.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace ColorPix.Tests.Models;

public class CheckpointTests
{
    private string path = "";

    [SetUp] public void NewPath() => path = Path.Combine(Path.GetTempPath(), $"cpx-model-{Guid.NewGuid():N}.safetensors");
    [TearDown] public void Remove() => File.Delete(path);

    public static IEnumerable<TestCaseData> Models()
    {
        yield return new TestCaseData((Func<ColorizationModel>)(() => ColorizationModel.CreateAutoEncoder(new AutoEncoderConfig(0.125), 64))).SetName("AutoEncoder");
        yield return new TestCaseData((Func<ColorizationModel>)(() => ColorizationModel.CreatePix2Pix(new Pix2PixConfig(128, Ngf: 8)))).SetName("Pix2Pix");
    }

    [TestCaseSource(nameof(Models))]
    public void A_checkpoint_round_trip_gives_identical_outputs(Func<ColorizationModel> create)
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(11);
        using var original = create();
        original.Network.eval();
        var lightness = torch.rand(2, 1, original.ImageSize, original.ImageSize) * 100;
        var expected = original.PredictAb(lightness).data<float>().ToArray();

        ModelCheckpoint.Save(path, original, new Dictionary<string, string> { ["epoch"] = "4" });
        var (loaded, metadata) = ModelCheckpoint.Load(path);
        using (loaded)
        {
            loaded.Kind.Should().Be(original.Kind);
            loaded.ImageSize.Should().Be(original.ImageSize);
            loaded.Normalization.Should().Be(original.Normalization);
            metadata["epoch"].Should().Be("4");
            loaded.PredictAb(lightness).data<float>().ToArray().Should().Equal(expected);
        }
    }

    [Test]
    public void Half_precision_checkpoints_are_half_the_size_and_predict_nearly_the_same()
    {
        using var scope = torch.NewDisposeScope();
        using var model = ColorizationModel.CreateAutoEncoder(new AutoEncoderConfig(0.25), 64);
        model.Network.eval();
        var lightness = torch.rand(1, 1, 64, 64) * 100;
        var expected = model.PredictAb(lightness);
        ModelCheckpoint.Save(path, model);
        var fullSize = new FileInfo(path).Length;
        ModelCheckpoint.Save(path, model, halfPrecision: true);
        new FileInfo(path).Length.Should().BeLessThan(fullSize * 6 / 10);
        var (loaded, meta) = ModelCheckpoint.Load(path);
        using (loaded)
        {
            meta["dtype"].Should().Be("float16");
            (loaded.PredictAb(lightness) - expected).abs().max().ToDouble().Should().BeLessThan(1.0, "fp16 weights move ab by well under one unit");
        }
    }

    [Test]
    public void A_file_that_is_not_a_ColorPix_model_is_refused_clearly()
    {
        File.WriteAllBytes(path, [8, 0, 0, 0, 0, 0, 0, 0, .. "{}      "u8.ToArray()]);
        var act = () => ModelCheckpoint.Load(path);
        act.Should().Throw<InvalidDataException>().WithMessage("*not a ColorPix model*");
    }
}
