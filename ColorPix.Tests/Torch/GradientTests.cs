using ColorPix.Torch;
using ColorPix.Torch.NN;

namespace ColorPix.Tests.Torch;

/// <summary>Autograd through the native layer agrees with central finite differences (float64).</summary>
public class GradientTests
{
    public record Case(string Name, Func<Tensor, Tensor> Loss, long[] InputShape)
    {
        public override string ToString() => Name;
    }

    private static Tensor Weight(params long[] shape) { torch.manual_seed(7); return torch.randn(shape, ScalarType.Float64); }

    private static readonly Tensor ConvWeight = Weight(4, 3, 3, 3).DetachFromDisposeScope();
    private static readonly Tensor DeconvWeight = Weight(3, 2, 3, 3).DetachFromDisposeScope();
    private static readonly Tensor Target = Weight(2, 3, 5, 5).DetachFromDisposeScope();

    public static IEnumerable<Case> Cases() =>
    [
        new("conv2d", x => F.conv2d(x, ConvWeight, stride: 2, padding: 1).square().sum(), [2, 3, 5, 5]),
        new("conv_transpose2d", x => F.conv_transpose2d(x, DeconvWeight, stride: 2, padding: 1, output_padding: 1).square().sum(), [2, 3, 4, 4]),
        new("batch_norm (training)", x => (F.batch_norm(x, null, null, training: true) * Target).sum(), [2, 3, 5, 5]),
        new("instance_norm", x => (F.instance_norm(x) * Target).sum(), [2, 3, 5, 5]),
        new("mse_loss", x => F.mse_loss(x, Target), [2, 3, 5, 5]),
        new("l1_loss", x => F.l1_loss(x, Target), [2, 3, 5, 5]),
        new("bce_with_logits", x => F.binary_cross_entropy_with_logits(x, Target.sigmoid()), [2, 3, 5, 5]),
        new("leaky_relu + tanh + interpolate", x => F.interpolate(x.leaky_relu(0.2).tanh(), 7, 7, InterpolationMode.Bilinear).sum(), [2, 3, 5, 5]),
    ];

    [TestCaseSource(nameof(Cases))]
    public void Gradient_matches_finite_differences(Case c)
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(1);
        var x = torch.randn(c.InputShape, ScalarType.Float64).requires_grad_();
        c.Loss(x).backward();
        var analytic = x.grad!.data<double>();

        var values = x.detach().data<double>();
        const double h = 1e-6;
        // Check a spread of coordinates: every one would be slow and adds nothing.
        for (var i = 0; i < values.Length; i += Math.Max(1, values.Length / 25))
        {
            var numeric = (Evaluate(c, values, i, h) - Evaluate(c, values, i, -h)) / (2 * h);
            analytic[i].Should().BeApproximately(numeric, 1e-4 + 1e-4 * Math.Abs(numeric), $"d loss / d x[{i}] of {c.Name}");
        }
    }

    private static double Evaluate(Case c, double[] values, int index, double delta)
    {
        var shifted = (double[])values.Clone();
        shifted[index] += delta;
        using var scope = torch.NewDisposeScope();
        using var _ = torch.no_grad();
        return c.Loss(torch.tensor(shifted, c.InputShape)).item();
    }
}
