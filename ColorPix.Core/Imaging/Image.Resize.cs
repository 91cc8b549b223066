using SkiaSharp;

namespace ColorPix.Core.Imaging;

public sealed partial class Image
{
    // Keys' cubic with a = -0.75 (OpenCV's INTER_CUBIC) is the B = 0, C = 0.75 member of the Mitchell-Netravali family.
    private static readonly SKSamplingOptions BicubicSampling = new(new SKCubicResampler(0, 0.75f));

    /// <summary>A resized copy. By default Area when shrinking (no aliasing), Bicubic when enlarging.</summary>
    public Image Resize(int width, int height, Interpolation? interpolation = null)
    {
        if (width <= 0 || height <= 0) throw new ArgumentException($"resize target must be positive, got {width}x{height}");
        var shrinking = width <= Width && height <= Height;
        var filter = interpolation ?? (shrinking ? Interpolation.Area : Interpolation.Bicubic);
        if (filter == Interpolation.Area && shrinking) return AreaResampler.Resize(this, width, height);
        var sampling = filter switch
        {
            Interpolation.Nearest => new SKSamplingOptions(SKFilterMode.Nearest),
            Interpolation.Bicubic => BicubicSampling,
            _ => new SKSamplingOptions(SKFilterMode.Linear),
        };
        // Skia reads the padding byte as alpha (its cubic filter clamps colour to it): whatever a writer left
        // there, it becomes 255 again, which a pass over the pixels does for a fraction of the resize's cost.
        if (Channels == 3) PixelRows.SetPadding(Pixels32);
        var resized = CreateUninitialized(width, height, Channels);
        using (var source = PeekPixmap())
        using (var target = resized.PeekPixmap())
            if (source.ScalePixels(target, sampling)) return resized;
        resized.Dispose();
        throw new InvalidOperationException($"Skia could not resize {this} to {width}x{height}");
    }
}
