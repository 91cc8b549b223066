using ColorPix.Core.Imaging;
using static TorchSharp.torch;

namespace ColorPix.Core.Inference;

/// <summary>
/// A request's input ready for a model: the decoded source (kept to rebuild the result at the original size, not
/// owned: several models' preparations share one decode) and its lightness at the model's resolution (what goes into
/// a batch). Owns that small tensor, outside any dispose scope, so it can cross from the request's thread to the
/// inference worker: dispose it when done.
/// </summary>
public sealed class PreparedImage : IDisposable
{
    /// <summary>The full-resolution 8-bit image; its owner keeps it alive until the result is finished.</summary>
    public Image Source { get; }

    /// <summary>L in [0,100], [1,1,S,S] with S the model's image size.</summary>
    public Tensor SmallLightness { get; }

    public int Width => Source.Width;
    public int Height => Source.Height;
    public int ModelSize { get; }

    internal PreparedImage(Image source, Tensor smallLightness)
    {
        Source = source;
        SmallLightness = smallLightness.DetachFromDisposeScope();
        ModelSize = (int)smallLightness.size(2);
    }

    public void Dispose() => SmallLightness.Dispose();

    public override string ToString() => $"PreparedImage[{Width}x{Height} -> {ModelSize}]";
}
