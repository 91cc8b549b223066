using ColorPix.Core.Checkpoints;
using ColorPix.Core.Data;
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
    public void A_checkpoint_records_the_network_variant_in_its_config()
    {
        using (var model = ColorizationModel.CreateAutoEncoder(new AutoEncoderConfig(0.125), 64)) ModelCheckpoint.Save(path, model);
        using (var file = SafeTensors.Load(path))
        {
            file.Metadata["colorpix.format"].Should().Be("2");
            file.Metadata["config"].Should().Contain("\"Upsampling\":\"ConvolutionThenBilinear\"");
        }
        using (var model = ColorizationModel.CreatePix2Pix(new Pix2PixConfig(128, Ngf: 8))) ModelCheckpoint.Save(path, model);
        using (var file = SafeTensors.Load(path)) file.Metadata["config"].Should().Contain("\"OutermostDownBias\":false");
    }

    // Format 1's configs, as ColorPix wrote them (the old engine's checkpoints in Fixtures/reference have these, with other widths).
    public static IEnumerable<TestCaseData> Format1Models()
    {
        yield return new TestCaseData((Func<ColorizationModel>)(() =>
                ColorizationModel.CreateAutoEncoder(new AutoEncoderConfig(0.125, AutoEncoderUpsampling.TransposedConvolution), 64)),
            "{\"Width\":0.125,\"Channels\":[8,16,32,64,128]}", "decoder.8.weight").SetName("AutoEncoder with transposed convolutions");
        yield return new TestCaseData((Func<ColorizationModel>)(() =>
                ColorizationModel.CreatePix2Pix(new Pix2PixConfig(128, Ngf: 8, Ndf: 8, OutermostDownBias: true))),
            "{\"ImageSize\":128,\"Ngf\":8,\"Ndf\":8,\"Dropout\":true,\"DiscriminatorLayers\":3,\"Downsamplings\":7}", "model.down.0.bias")
            .SetName("Pix2Pix with a bias on its outermost down-convolution");
    }

    [TestCaseSource(nameof(Format1Models))]
    public void A_format_1_checkpoint_loads_as_the_network_it_was_made_with(Func<ColorizationModel> create, string format1Config, string legacyWeight)
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(5);
        using var original = create();
        original.Network.eval();
        var state = original.Network.state_dict();
        state.Should().ContainKey(legacyWeight);
        SafeTensors.Save(path, state, new Dictionary<string, string>
        {
            ["colorpix.format"] = "1",
            ["model"] = original.Kind.Name(),
            ["config"] = format1Config,
            ["image_size"] = original.ImageSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["normalization"] = original.Normalization.Describe(),
            ["dtype"] = "float32",
        });
        var lightness = torch.rand(1, 1, original.ImageSize, original.ImageSize) * 100;

        var (loaded, _) = ModelCheckpoint.Load(path);
        using (loaded)
        {
            loaded.ConfigJson.Should().Be(original.ConfigJson);
            loaded.PredictAb(lightness).data<float>().ToArray().Should().Equal(original.PredictAb(lightness).data<float>().ToArray());
        }
    }

    [Test]
    public void The_old_engines_format_1_checkpoints_load_as_the_variants_they_were_trained_as()
    {
        var (autoEncoder, aeMeta) = ModelCheckpoint.Load(OldEngineCheckpointTests.Reference("autoencoder.safetensors"));
        using (autoEncoder)
        {
            aeMeta["colorpix.format"].Should().Be("1");
            autoEncoder.AutoEncoderConfig!.Upsampling.Should().Be(AutoEncoderUpsampling.TransposedConvolution);
        }
        var (pix2Pix, p2pMeta) = ModelCheckpoint.Load(OldEngineCheckpointTests.Reference("pix2pix.safetensors"));
        using (pix2Pix)
        {
            p2pMeta["colorpix.format"].Should().Be("1");
            pix2Pix.Pix2PixConfig!.OutermostDownBias.Should().BeTrue();
        }
    }

    [Test]
    public void The_shipped_autoencoder_is_format_2_with_the_tile_free_decoder()
    {
        var (autoEncoder, metadata) = ModelCheckpoint.Load(RepoPaths.ShippedModel(RepoPaths.FindRoot(), "autoencoder"));
        using (autoEncoder)
        {
            metadata["colorpix.format"].Should().Be("2");
            autoEncoder.AutoEncoderConfig!.Upsampling.Should().Be(AutoEncoderUpsampling.ConvolutionThenBilinear);
        }
    }

    [Test]
    public void A_checkpoint_of_an_unknown_format_is_refused_clearly()
    {
        using (var model = ColorizationModel.CreateAutoEncoder(new AutoEncoderConfig(0.125), 64)) ModelCheckpoint.Save(path, model);
        Dictionary<string, string> metadata;
        Dictionary<string, Tensor> tensors;
        using (var file = SafeTensors.Load(path))
        {
            metadata = new Dictionary<string, string>(file.Metadata) { ["colorpix.format"] = "3" };
            tensors = file.Tensors.ToDictionary(t => t.Key, t => t.Value.clone());
        }
        SafeTensors.Save(path, tensors, metadata);
        var act = () => ModelCheckpoint.Load(path);
        act.Should().Throw<InvalidDataException>().WithMessage("*format 3*reads formats 1 and 2*");
    }

    [Test]
    public void A_file_that_is_not_a_ColorPix_model_is_refused_clearly()
    {
        File.WriteAllBytes(path, [8, 0, 0, 0, 0, 0, 0, 0, .. "{}      "u8.ToArray()]);
        var act = () => ModelCheckpoint.Load(path);
        act.Should().Throw<InvalidDataException>().WithMessage("*not a ColorPix model*");
    }
}
