using ColorPix.Core.Engine;
using ColorPix.Core.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace ColorPix.Tests.Models;

public class AutoEncoderTests
{
    [TestCase(AutoEncoderUpsampling.ConvolutionThenBilinear)]
    [TestCase(AutoEncoderUpsampling.TransposedConvolution)]
    public void Has_the_course_parameter_counts(AutoEncoderUpsampling upsampling)
    {
        using var net = new AutoEncoder(new AutoEncoderConfig(Upsampling: upsampling));
        net.ParameterCount().Should().Be(12_542_402);
        // The course's Keras table counts BatchNorm running statistics too: 12,546,370.
        var runningStats = net.named_buffers().Where(b => b.name.EndsWith("running_mean") || b.name.EndsWith("running_var")).Sum(b => b.buffer.numel());
        (net.ParameterCount() + runningStats).Should().Be(12_546_370);
    }

    [Test]
    public void New_networks_upsample_by_convolution_then_bilinear()
    {
        new AutoEncoderConfig().Upsampling.Should().Be(AutoEncoderUpsampling.ConvolutionThenBilinear);
    }

    [TestCase(AutoEncoderUpsampling.ConvolutionThenBilinear)]
    [TestCase(AutoEncoderUpsampling.TransposedConvolution)]
    public void Maps_L_to_ab_of_the_same_size_within_plus_minus_128(AutoEncoderUpsampling upsampling)
    {
        using var scope = torch.NewDisposeScope();
        using var net = new AutoEncoder(new AutoEncoderConfig(Width: 0.125, upsampling));
        var ab = net.forward(torch.rand(2, 1, 64, 96) * 100);
        ab.shape.Should().Equal(2, 2, 64, 96);
        ab.abs().max().ToDouble().Should().BeLessThanOrEqualTo(128);
    }

    // The tiles users saw across skies: with the course's ConvTranspose2d 3x3 stride 2 even a flat input comes out
    // periodic, at the stride of every decoder layer (2..32 px at the model's size). Fresh, and after a few steps of
    // training on smooth images.
    [TestCase(0)]
    [TestCase(20)]
    public void A_flat_input_comes_out_flat_without_periodic_tiles(int trainingSteps)
    {
        using var net = TinyAutoEncoder(AutoEncoderUpsampling.ConvolutionThenBilinear, trainingSteps);
        foreach (var lightness in new[] { 30.0, 60.0, 85.0 })
            PeriodicShare(net, lightness).Should().BeLessThan(0.001, $"a flat L = {lightness} has no tiles");
    }

    [TestCase(0)]
    [TestCase(20)]
    public void The_tile_measure_sees_the_checkerboard_of_the_course_transposed_convolutions(int trainingSteps)
    {
        using var net = TinyAutoEncoder(AutoEncoderUpsampling.TransposedConvolution, trainingSteps);
        foreach (var lightness in new[] { 30.0, 60.0, 85.0 })
            PeriodicShare(net, lightness).Should().BeGreaterThan(0.01, $"the old decoder tiles a flat L = {lightness}");
    }

    /// <summary>A width-0.125 AutoEncoder, trained for some steps to map smooth random L fields to ab = a linear function of L.</summary>
    private static AutoEncoder TinyAutoEncoder(AutoEncoderUpsampling upsampling, int steps)
    {
        torch.manual_seed(3);
        var net = new AutoEncoder(new AutoEncoderConfig(0.125, upsampling));
        using var optimizer = torch.optim.Adam(net.parameters(), 1e-3);
        net.train();
        for (var step = 0; step < steps; step++)
        {
            using var scope = torch.NewDisposeScope();
            var lightness = torch.nn.functional.interpolate(torch.rand(2, 1, 4, 4) * 100, [64, 64], mode: InterpolationMode.Bilinear, align_corners: false);
            var target = torch.cat([(lightness - 50) * 0.6, (50 - lightness) * 0.3], 1);
            var loss = torch.nn.functional.mse_loss(net.forward(lightness) / 128, target / 128);
            optimizer.zero_grad();
            loss.backward();
            optimizer.step();
        }
        net.eval();
        return net;
    }

    /// <summary>
    /// The rms of ab at the x-periods 2, 4, 8, 16 and 32 px, relative to the rms of ab, on a flat 64x512 input: over
    /// its middle 128 columns, where the borders' zero padding does not reach.
    /// </summary>
    private static double PeriodicShare(AutoEncoder net, double lightness)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        const int Columns = 128;
        var ab = net.forward(torch.full(1, 1, 64, 512, lightness))[0].narrow(2, 192, Columns);
        var power = torch.fft.fft_(ab, dim: 2).abs().pow(2).sum([0, 1]);
        var periodic = new[] { 2, 4, 8, 16, 32 }.Select(p => Columns / p).SelectMany(k => k == Columns / 2 ? [k] : new[] { k, Columns - k })
            .Sum(k => power[k].ToDouble());
        return Math.Sqrt(periodic / power.sum().ToDouble());
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
