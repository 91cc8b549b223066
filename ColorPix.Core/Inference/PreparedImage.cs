using ColorPix.Torch;

namespace ColorPix.Core.Inference;

/// <summary>
/// A request's input ready for a model: its full-resolution lightness (kept to rebuild the result at the original
/// size) and its lightness at the model's resolution (what goes into a batch). Owns both tensors, outside any
/// dispose scope, so it can cross from the request's thread to the inference worker: dispose it when done.
/// </summary>
public sealed class PreparedImage : IDisposable
{
    /// <summary>L in [0,100], [1,1,H,W].</summary>
    public Tensor FullLightness { get; }

    /// <summary>L in [0,100], [1,1,S,S] with S the model's image size.</summary>
    public Tensor SmallLightness { get; }

    public int Width { get; }
    public int Height { get; }
    public int ModelSize { get; }

    internal PreparedImage(Tensor fullLightness, Tensor smallLightness)
    {
        FullLightness = fullLightness.DetachFromDisposeScope();
        SmallLightness = smallLightness.DetachFromDisposeScope();
        (Height, Width) = ((int)fullLightness.size(2), (int)fullLightness.size(3));
        ModelSize = (int)smallLightness.size(2);
    }

    public void Dispose()
    {
        FullLightness.Dispose();
        SmallLightness.Dispose();
    }

    public override string ToString() => $"PreparedImage[{Width}x{Height} -> {ModelSize}]";
}
