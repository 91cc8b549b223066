using ColorPix.Core.Engine;
using ColorPix.Core.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ColorPix.Tests.Models;

public class Pix2PixTests
{
    // The counts of junyanz/pytorch-CycleGAN-and-pix2pix, models/networks.py, derived from its code (norm='batch', so
    // use_bias = False for every convolution a norm layer could follow; BatchNorm2d(C) has 2C parameters; a 4x4
    // convolution in->out has 16*in*out weights). define_G(input_nc=1, output_nc=2, ngf=g, use_dropout=True):
    //   outermost  UnetSkipConnectionBlock(2, g, input_nc=1): downconv 1->g, no bias            16g
    //              upconv ConvTranspose2d(2g->2), bias (the only one)                          64g + 2
    //   (g, 2g):   downconv g->2g 32g^2, BN(2g) 4g, upconv 4g->g 64g^2, BN(g) 2g                96g^2 + 6g
    //   (2g, 4g):  128g^2 + 8g + 256g^2 + 4g                                                   384g^2 + 12g
    //   (4g, 8g):  512g^2 + 16g + 1024g^2 + 8g                                                 1536g^2 + 24g
    //   (8g, 8g) x (num_downs - 5), with dropout: 1024g^2 + 16g + 2048g^2 (16g->8g) + 16g     3072g^2 + 32g each
    //   innermost (8g, 8g): downconv 1024g^2, no downnorm; upconv 8g->8g 1024g^2, BN(8g) 16g   2048g^2 + 16g
    // unet_128 (num_downs 7, two (8g, 8g) blocks): 10208g^2 + 202g + 2; g = 64: 41,811,968 + 12,928 + 2 = 41,824,898
    // unet_256 (num_downs 8, three):               13280g^2 + 234g + 2; g = 64: 54,394,880 + 14,976 + 2 = 54,409,858
    // (g = 16: 2,613,248 + 3,232 + 2 = 2,616,482.) The reference classes built in PyTorch count the same.
    [TestCase(128, 64, 41_824_898)]
    [TestCase(256, 64, 54_409_858)]
    [TestCase(128, 16, 2_616_482)]
    public void Generator_has_the_reference_parameter_count(int size, int ngf, long expected)
    {
        using var g = new UnetGenerator(new Pix2PixConfig(size, Ngf: ngf));
        g.ParameterCount().Should().Be(expected);
    }

    // define_D(input_nc=3, ndf=64, 'basic', n_layers_D=3, norm='batch'), NLayerDiscriminator with n_layers=3:
    //   Conv2d 3->64 stride 2, bias:                  3*64*16 + 64    =     3,136
    //   Conv2d 64->128 stride 2, no bias + BN(128):   64*128*16 + 256 =   131,328
    //   Conv2d 128->256 stride 2, no bias + BN(256):  128*256*16 + 512 =  524,800
    //   Conv2d 256->512 stride 1, no bias + BN(512):  256*512*16 + 1024 = 2,098,176
    //   Conv2d 512->1 stride 1, bias:                 512*16 + 1      =     8,193
    //                                                                     2,765,633
    [Test]
    public void Discriminator_has_the_reference_parameter_count_and_a_14x14_patch_map_at_128()
    {
        using var scope = torch.NewDisposeScope();
        using var d = new PatchDiscriminator(new Pix2PixConfig());
        d.ParameterCount().Should().Be(2_765_633);
        d.forward(torch.zeros(1, 3, 128, 128)).shape.Should().Equal(1, 1, 14, 14);
    }

    [Test]
    public void Only_the_outermost_up_convolution_of_the_generator_has_a_bias_as_in_the_reference()
    {
        using var g = new UnetGenerator(new Pix2PixConfig(128, Ngf: 8));
        ConvolutionBiases(g).Should().Equal("model.up.1");
    }

    [Test]
    public void The_format_1_variant_adds_the_bias_of_the_outermost_down_convolution_only()
    {
        using var g = new UnetGenerator(new Pix2PixConfig(128, Ngf: 64, OutermostDownBias: true));
        g.ParameterCount().Should().Be(41_824_898 + 64);
        ConvolutionBiases(g).Should().BeEquivalentTo("model.down.0", "model.up.1");
    }

    public static IEnumerable<TestCaseData> Networks()
    {
        yield return new TestCaseData((Func<nn.Module>)(() => new UnetGenerator(new Pix2PixConfig(128))), 11).SetName("unet_128 generator");
        yield return new TestCaseData((Func<nn.Module>)(() => new UnetGenerator(new Pix2PixConfig(256))), 13).SetName("unet_256 generator");
        yield return new TestCaseData((Func<nn.Module>)(() => new PatchDiscriminator(new Pix2PixConfig())), 3).SetName("PatchGAN discriminator");
    }

    [TestCaseSource(nameof(Networks))]
    public void BatchNorm_weights_start_near_1_and_convolutions_at_std_0_02_with_zero_biases(Func<nn.Module> create, int batchNorms)
    {
        torch.manual_seed(7);
        using var scope = torch.NewDisposeScope();
        using var network = create();
        var norms = network.modules().OfType<BatchNorm2d>().ToList();
        norms.Should().HaveCount(batchNorms, "as many BatchNorm2d layers as the reference network has");
        foreach (var norm in norms)
        {
            var weight = norm.weight!;
            weight.min().ToDouble().Should().BeGreaterThan(0.9);
            weight.max().ToDouble().Should().BeLessThan(1.1);
            norm.bias!.abs().max().ToDouble().Should().Be(0);
        }
        var allWeights = torch.cat(norms.Select(n => n.weight!.flatten()).ToArray());
        allWeights.mean().ToDouble().Should().BeApproximately(1.0, 0.005);
        allWeights.std().ToDouble().Should().BeApproximately(0.02, 0.002);

        var convolutions = network.named_modules().Where(m => m.module is Convolution).ToList();
        convolutions.Should().NotBeEmpty();
        foreach (var (name, module) in convolutions)
        {
            var conv = (Convolution)module;
            conv.weight.std().ToDouble().Should().BeApproximately(0.02, 0.002, $"{name} ({conv.weight.numel()} weights) starts at N(0, 0.02)");
            conv.weight.mean().ToDouble().Should().BeApproximately(0, 0.002, name);
            if (conv.bias is { } bias) bias.abs().max().ToDouble().Should().Be(0, name);
        }
    }

    [Test]
    public void Generator_maps_L_to_ab_of_the_same_size_in_minus_one_one()
    {
        using var scope = torch.NewDisposeScope();
        using var g = new UnetGenerator(new Pix2PixConfig(128, Ngf: 8));
        var ab = g.forward(torch.rand(2, 1, 128, 128) * 2 - 1);
        ab.shape.Should().Equal(2, 2, 128, 128);
        ab.abs().max().ToDouble().Should().BeLessThanOrEqualTo(1);
    }

    [Test]
    public void Unsupported_sizes_are_refused_with_a_clear_message()
    {
        var act = () => new UnetGenerator(new Pix2PixConfig(ImageSize: 100));
        act.Should().Throw<ArgumentException>().WithMessage("*128*256*");
    }

    /// <summary>The convolutions that have a bias, by module name.</summary>
    private static string[] ConvolutionBiases(nn.Module network) =>
        network.named_modules().Where(m => m.module is Convolution { bias: not null }).Select(m => m.name).ToArray();
}
