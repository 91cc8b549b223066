using TorchSharp;
using static TorchSharp.torch;

namespace ColorPix.Core.Metrics;

/// <summary>
/// The "no color" prediction every model must beat: the input lightness with a = b = 0, i.e. the gray image.
/// </summary>
public static class GrayBaseline
{
    /// <summary>Lab [N,3,H,W] from lightness [N,1,H,W]: L kept, a and b zero.</summary>
    public static Tensor FromLightness(Tensor lightness)
    {
        if (lightness.dim() != 4 || lightness.size(1) != 1)
            throw new ArgumentException($"expected lightness [N,1,H,W], got [{string.Join(", ", lightness.shape)}]");
        using var scope = torch.NewDisposeScope();
        var chroma = torch.zeros([lightness.size(0), 2, lightness.size(2), lightness.size(3)], lightness.dtype, lightness.device);
        return torch.cat([lightness, chroma], 1).MoveToOuterDisposeScope();
    }

    /// <summary>The baseline for ground-truth Lab [N,3,H,W]: its own L with a = b = 0.</summary>
    public static Tensor FromLab(Tensor lab)
    {
        using var scope = torch.NewDisposeScope();
        return FromLightness(lab.narrow(1, 0, 1)).MoveToOuterDisposeScope();
    }
}
