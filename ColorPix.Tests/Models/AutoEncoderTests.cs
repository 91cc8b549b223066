using ColorPix.Core.Engine;
using ColorPix.Core.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace ColorPix.Tests.Models;

public class AutoEncoderTests
{
    [Test]
    public void Has_the_course_parameter_counts()
    {
        using var net = new AutoEncoder();
        net.ParameterCount().Should().Be(12_542_402);
        // The course's Keras table counts BatchNorm running statistics too: 12,546,370.
        var runningStats = net.named_buffers().Where(b => b.name.EndsWith("running_mean") || b.name.EndsWith("running_var")).Sum(b => b.buffer.numel());
        (net.ParameterCount() + runningStats).Should().Be(12_546_370);
    }

    [Test]
    public void Maps_L_to_ab_of_the_same_size_within_plus_minus_128()
    {
        using var scope = torch.NewDisposeScope();
        using var net = new AutoEncoder(new AutoEncoderConfig(Width: 0.125));
        var ab = net.forward(torch.rand(2, 1, 64, 96) * 100);
        ab.shape.Should().Equal(2, 2, 64, 96);
        ab.abs().max().ToDouble().Should().BeLessThanOrEqualTo(128);
    }

    [Test]
    public void Refuses_sizes_that_are_not_multiples_of_32()
    {
        using var scope = torch.NewDisposeScope();
        using var net = new AutoEncoder(new AutoEncoderConfig(Width: 0.125));
        var act = () => net.forward(torch.rand(1, 1, 50, 64));
        act.Should().Throw<ArgumentException>().WithMessage("*multiples of 32*");
    }
}
