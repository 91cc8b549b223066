using System.Diagnostics;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;
using F = TorchSharp.torch.nn.functional;

namespace ColorPix.Tests.Engine;

/// <summary>How ColorPix uses TorchSharp for training: a dispose scope per step keeps memory flat, eval mode and
/// no_grad behave as in PyTorch.</summary>
public class TrainingStepTests
{
    private sealed class TinyNet : Module<Tensor, Tensor>
    {
        private readonly Sequential layers;

        public TinyNet() : base(nameof(TinyNet))
        {
            layers = Sequential(
                Conv2d(1, 8, 3, stride: 2, padding: 1), ReLU(), BatchNorm2d(8),
                ConvTranspose2d(8, 2, 3, stride: 2, padding: 1, output_padding: 1), Tanh());
            RegisterComponents();
        }

        public override Tensor forward(Tensor input) => layers.forward(input);
    }

    private static (Tensor X, Tensor Y) FixedBatch()
    {
        torch.manual_seed(3);
        var x = torch.rand([4, 1, 16, 16]).DetachFromDisposeScope();
        // A target the net can represent: a fixed nonlinear function of the input, as ab is of L.
        var y = torch.cat([(x * 3 - 1.5).tanh(), (x.square() * 2 - 1) * 0.8], 1).DetachFromDisposeScope();
        return (x, y);
    }

    private static double Step(TinyNet net, Adam adam, Tensor x, Tensor y)
    {
        using var scope = torch.NewDisposeScope();
        adam.zero_grad();
        var loss = F.mse_loss(net.forward(x), y);
        loss.backward();
        adam.step();
        return loss.item<float>();
    }

    [Test]
    public void A_small_conv_net_overfits_one_fixed_batch()
    {
        torch.manual_seed(0);
        using var net = new TinyNet();
        using var adam = optim.Adam(net.parameters(), lr: 1e-2);
        var (x, y) = FixedBatch();
        using (x) using (y)
        {
            var first = Step(net, adam, x, y);
            var last = first;
            for (var i = 0; i < 300; i++) last = Step(net, adam, x, y);
            last.Should().BeLessThan(first * 0.1, "the loss must fall by 90% or more on one memorised batch");
        }
    }

    [Test]
    public void Thousand_steps_in_scopes_leave_no_native_tensor_and_flat_memory()
    {
        torch.manual_seed(0);
        using var net = new TinyNet();
        using var adam = optim.Adam(net.parameters(), lr: 1e-3);
        var (x, y) = FixedBatch();
        using (x) using (y)
        {
            for (var i = 0; i < 50; i++) Step(net, adam, x, y); // warm up allocators
            var baseline = LiveTensors.Settled();
            var rssBefore = Rss();
            for (var i = 0; i < 1000; i++) Step(net, adam, x, y);
            LiveTensors.Count.Should().Be(baseline);
            (Rss() - rssBefore).Should().BeLessThan(64L << 20, "1,000 steps must not grow the process by more than allocator noise");
        }
    }

    private static long Rss()
    {
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return process.WorkingSet64;
    }

    [Test]
    public void Eval_mode_uses_running_statistics_and_no_grad_records_nothing()
    {
        using var scope = torch.NewDisposeScope();
        using var bn = BatchNorm2d(3);
        var x = torch.randn(4, 3, 5, 5) * 3 + 2;
        bn.forward(x);
        bn.running_mean!.mean().ToDouble().Should().BeApproximately(0.2, 0.1, "momentum 0.1 moves the mean a tenth of the way to 2");
        bn.num_batches_tracked!.item<long>().Should().Be(1);

        bn.eval();
        using (torch.no_grad())
        {
            var y = bn.forward(x);
            y.requires_grad.Should().BeFalse();
            bn.num_batches_tracked!.item<long>().Should().Be(1);
        }
    }
}
