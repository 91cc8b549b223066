using ColorPix.Core.Data;
using ColorPix.Torch.Imaging;

namespace ColorPix.Core.Inference;

/// <summary>
/// An uploaded photo made ready for the queue: decoded under the pixel cap, flagged when it is already
/// grayscale (a color photo is colorized from its lightness, which the API may want to tell the user), prepared.
/// </summary>
public sealed class ColorizationRequest : IDisposable
{
    public PreparedImage Prepared { get; }
    public bool IsGrayscale { get; }
    public int Width => Prepared.Width;
    public int Height => Prepared.Height;

    private ColorizationRequest(PreparedImage prepared, bool isGrayscale) => (Prepared, IsGrayscale) = (prepared, isGrayscale);

    /// <exception cref="ImageTooLargeException">Over the pixel cap (checked from the header).</exception>
    /// <exception cref="ImageFormatException">Not an image, or a corrupt or truncated one.</exception>
    public static ColorizationRequest FromBytes(ReadOnlySpan<byte> bytes, int modelSize, ImageDecodeOptions? decodeOptions = null)
    {
        using var image = Image.Decode(bytes, decodeOptions);
        var isGrayscale = SourceImageScreen.IsGrayscale(image.CopyPixels()); // Decode always yields RGB
        return new ColorizationRequest(Colorizer.Prepare(image, modelSize), isGrayscale);
    }

    public void Dispose() => Prepared.Dispose();
}
