using SkiaSharp;

namespace ColorPix.Core.Imaging;

public sealed partial class Image
{
    // zlib level 3, as before: for photos it is much faster than the default 6 and barely larger.
    private static readonly SKPngEncoderOptions PngOptions = new(SKPngEncoderFilterFlags.AllFilters, 3);

    /// <summary>PNG (lossless) or JPEG at the given quality (1..100, chroma subsampled 4:2:0). RGB or gray,
    /// without a colour profile: the pixels are sRGB, which is what readers assume of an untagged file.</summary>
    public byte[] Encode(ImageFormat format = ImageFormat.Png, int quality = 90)
    {
        using var pixmap = PeekPixmap();
        using var encoded = Encode(pixmap, format, quality);
        return encoded.ToArray();
    }

    /// <summary>Encodes straight into <paramref name="destination"/>, without a managed copy of the whole file.</summary>
    public void Encode(Stream destination, ImageFormat format = ImageFormat.Png, int quality = 90)
    {
        using var pixmap = PeekPixmap();
        using var encoded = Encode(pixmap, format, quality);
        encoded.SaveTo(destination);
    }

    private static SKData Encode(SKPixmap pixmap, ImageFormat format, int quality)
    {
        if (quality is < 1 or > 100) throw new ArgumentOutOfRangeException(nameof(quality), quality, "1..100");
        var encoded = format switch
        {
            ImageFormat.Png => pixmap.Encode(PngOptions),
            ImageFormat.Jpeg => pixmap.Encode(new SKJpegEncoderOptions(quality, SKJpegEncoderDownsample.Downsample420, SKJpegEncoderAlphaOption.Ignore)),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "only PNG and JPEG are written"),
        };
        return encoded ?? throw new InvalidOperationException($"Skia could not encode a {pixmap.Width}x{pixmap.Height} {format.DisplayName()}");
    }
}
