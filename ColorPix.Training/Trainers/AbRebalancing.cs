using ColorPix.Core.Engine;
using TorchSharp;
using static TorchSharp.torch;

namespace ColorPix.Training.Trainers;

/// <summary>
/// Zhang, Isola and Efros (2016)'s class rebalancing, for a regression: ab is quantised on a 10-unit grid, the
/// frequency p of each cell is counted over the training targets seen so far, and each pixel's error is weighted by
/// w ∝ 1 / ((1 - λ) p + λ / Q) (Q = cells seen, λ = 0.5), normalised so that E_p[w] = 1. Rare, saturated colours
/// then weigh as much as the common desaturated ones, so the cheapest answer is no longer a brownish mean.
/// </summary>
internal sealed class AbRebalancing : IDisposable
{
    private const double Lambda = 0.5;
    private const double Cell = 10;
    private const double Reach = 110;   // |a|, |b| beyond this are clamped into the last cell
    private static readonly int Side = (int)(2 * Reach / Cell);

    private readonly Tensor counts = zeros(Side * Side, ScalarType.Float64).DetachFromDisposeScope();

    /// <summary>Per-pixel weights [B,1,H,W] for the true ab [B,2,H,W]; counts these targets first.</summary>
    public Tensor Weights(Tensor ab)
    {
        using var scope = NewDisposeScope();
        var cells = ab.detach().Within(-Reach, Reach - 1e-3).Plus(Reach).Over(Cell).floor();   // small whole numbers, exact as floats
        var index = cells.narrow(1, 0, 1).Times(Side).Plus(cells.narrow(1, 1, 1)).to(ScalarType.Int64);              // [B,1,H,W]
        counts.add_(bincount(index.flatten().cpu(), minlength: Side * Side).to(ScalarType.Float64), Scalars.One);
        var p = counts / counts.sum();
        var isSeen = p.Above(0).to(ScalarType.Float64);
        // lambda / Q as a tensor: Q changes with the data, and Scalars caches code constants only.
        var w = p.Times(1 - Lambda).Plus(isSeen.sum().reciprocal().Times(Lambda)).reciprocal() * isSeen;
        w = w / (p * w).sum();
        return w.to(ScalarType.Float32).to(ab.device).index_select(0, index.flatten()).view(index.shape).MoveToOuterDisposeScope();
    }

    public void Dispose() => counts.Dispose();
}
