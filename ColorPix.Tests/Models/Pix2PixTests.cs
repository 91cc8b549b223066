using ColorPix.Core.Engine;
using ColorPix.Core.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace ColorPix.Tests.Models;

public class Pix2PixTests
{
    // Counted on the pix2pix reference networks in PyTorch (1 input channel, 2 output, BatchNorm).
    [TestCase(128, 64, 41_824_962)]
    [TestCase(256, 64, 54_409_922)]
    [TestCase(128, 16, 2_616_498)]
    public void Generator_has_the_reference_parameter_count(int size, int ngf, long expected)
    {
        using var g = new UnetGenerator(new Pix2PixConfig(size, Ngf: ngf));
        g.ParameterCount().Should().Be(expected);
    }

    [Test]
    public void Discriminator_has_the_reference_parameter_count_and_a_14x14_patch_map_at_128()
    {
        using var scope = torch.NewDisposeScope();
        using var d = new PatchDiscriminator(new Pix2PixConfig());
        d.ParameterCount().Should().Be(2_765_633);
        d.forward(torch.zeros(1, 3, 128, 128)).shape.Should().Equal(1, 1, 14, 14);
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
}
