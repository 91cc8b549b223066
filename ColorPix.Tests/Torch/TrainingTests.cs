using System.Diagnostics;
using ColorPix.Torch;
using ColorPix.Torch.NN;
using ColorPix.Torch.Optim;

namespace ColorPix.Tests.Torch;

public class TrainingTests
{
    private sealed class TinyNet : Module
    {
        private readonly Sequential layers;

        public TinyNet()
        {
            layers = RegisterModule("layers", new Sequential(
                new Conv2d(1, 8, 3, stride: 2, padding: 1), new ReLU(), new BatchNorm2d(8),
                new ConvTranspose2d(8, 2, 3, stride: 2, padding: 1, output_padding: 1), new Tanh()));
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

    private static double Step(Module net, Adam adam, Tensor x, Tensor y)
    {
        using var scope = torch.NewDisposeScope();
        adam.zero_grad();
        var loss = F.mse_loss(net.forward(x), y);
        loss.backward();
        adam.step();
        return loss.item();
    }

    [Test]
    public void A_small_conv_net_overfits_one_fixed_batch()
    {
        torch.manual_seed(0);
        using var net = new TinyNet();
        using var adam = new Adam(net.parameters(), lr: 1e-2);
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
        using var adam = new Adam(net.parameters(), lr: 1e-3);
        var (x, y) = FixedBatch();
        using (x) using (y)
        {
            for (var i = 0; i < 50; i++) Step(net, adam, x, y); // warm up allocators
            var baseline = LiveTensors.Settled();
            var rssBefore = Rss();
            for (var i = 0; i < 1000; i++) Step(net, adam, x, y);
            torch.live_tensor_count().Should().Be(baseline);
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
        using var bn = new BatchNorm2d(3);
        var x = torch.randn(4, 3, 5, 5) * 3 + 2;
        bn.forward(x);
        bn.running_mean.mean().item().Should().BeApproximately(0.2, 0.1, "momentum 0.1 moves the mean a tenth of the way to 2");
        bn.num_batches_tracked.item().Should().Be(1);

        bn.eval();
        using (torch.no_grad())
        {
            var y = bn.forward(x);
            y.requires_grad.Should().BeFalse();
            bn.num_batches_tracked.item().Should().Be(1);
        }
    }

    [Test]
    public void Adam_step_matches_the_reference_update()
    {
        using var scope = torch.NewDisposeScope();
        var p = torch.tensor(new[] { 1.0f, -2.0f }).DetachFromDisposeScope().requires_grad_();
        using var adam = new Adam([p], lr: 0.1, weight_decay: 0.5);
        (p * p).sum().backward();       // grad = 2p
        adam.step();
        // g = 2p + 0.5p; m = 0.1 g; v = 0.001 g^2; m_hat = g; v_hat = g^2; p -= 0.1 * g / (|g| + eps)
        p.data<float>().Should().Equal([0.9f, -1.9f], (a, b) => Math.Abs(a - b) < 1e-5);
        adam.Step.Should().Be(1);
        p.Dispose();
    }
}
