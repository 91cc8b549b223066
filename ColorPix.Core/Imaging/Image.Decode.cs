namespace ColorPix.Core.Imaging;

public sealed partial class Image
{
    /// <summary>
    /// Decodes JPEG, PNG, WebP, BMP or TIFF bytes to 8-bit sRGB: embedded ICC profiles converted, EXIF orientation
    /// applied (JPEG and WebP: Skia ignores a PNG's eXIf chunk), gray, palette, 16-bit and CMYK converted,
    /// transparency composited over white.
    /// The result is RGB (Channels 3), or gray (Channels 1) for a gray source with <see cref="ImageDecodeOptions.KeepGray"/>;
    /// it is smaller than stored when <see cref="ImageDecodeOptions.MinSide"/> allows.
    /// </summary>
    /// <exception cref="ImageTooLargeException">The header declares more than MaxPixels pixels.</exception>
    /// <exception cref="UnsupportedImageException">Not an image, or not a format (or TIFF variant) we read.</exception>
    /// <exception cref="CorruptImageException">A truncated or corrupt image.</exception>
    public static Image Decode(ReadOnlySpan<byte> bytes, ImageDecodeOptions? options = null)
    {
        options ??= ImageDecodeOptions.Default;
        if (options.MinSide is <= 0) throw new ArgumentOutOfRangeException(nameof(options), options.MinSide, "MinSide must be positive");
        var info = ImageProbe.Probe(bytes);
        // Refused from the header alone: a 50000x50000 PNG of a few bytes must not reach the decoder.
        if (info.Pixels > options.MaxPixels) throw new ImageTooLargeException(info.Width, info.Height, options.MaxPixels);
        // Decoders may fill a missing tail with gray rather than fail, so truncation is caught here.
        if (!ImageCompleteness.IsComplete(bytes, info.Format))
            throw new CorruptImageException($"truncated {info.Format.DisplayName()} image: the file ends before its image data does");

        var reduction = Reduction(info.Width, info.Height, options.MinSide);
        var reducedByDecoder = false;
        var image = info.Format == ImageFormat.Tiff
            ? TiffDecoder.Decode(bytes, options)
            : SkiaDecoder.Decode(bytes, info.Format, options, reduction, out reducedByDecoder);
        if (reduction == 1 || reducedByDecoder) return image;
        using (image) return image.Resize(Reduce(image.Width, reduction), Reduce(image.Height, reduction), Interpolation.Area);
    }

    /// <summary>The largest of 8, 4 and 2 that leaves the shorter side at least <paramref name="minSide"/>, else 1.</summary>
    private static int Reduction(int width, int height, int? minSide)
    {
        if (minSide is not { } min) return 1;
        for (var factor = 8; factor > 1; factor /= 2)
            if (Reduce(Math.Min(width, height), factor) >= min) return factor;
        return 1;
    }

    // Rounded up, as libjpeg's scaled sizes are.
    private static int Reduce(int length, int factor) => (length + factor - 1) / factor;
}
