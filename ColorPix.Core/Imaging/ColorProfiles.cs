using SkiaSharp;

namespace ColorPix.Core.Imaging;

/// <summary>Conversion to sRGB for pixels decoded outside Skia's codecs (TIFF), which convert by themselves.</summary>
internal static class ColorProfiles
{
    public static readonly SKColorSpace Srgb = SKColorSpace.CreateSrgb();

    /// <summary>Converts an RGB image whose values are in the colour space of <paramref name="iccProfile"/> to
    /// sRGB, in place, a row at a time. A profile Skia cannot use as RGB (CMYK, gray, damaged) leaves the values
    /// as they are, as every decoder did before profiles were honoured.</summary>
    public static void ConvertToSrgb(Image image, byte[] iccProfile)
    {
        if (image.Channels != 3) return;
        using var space = SKColorSpace.CreateIcc(iccProfile);
        if (space is null || space.IsSrgb) return;
        var source = new SKImageInfo(image.Width, 1, SKColorType.Rgba8888, SKAlphaType.Opaque, space);
        using var converted = new SKBitmap(source.WithColorSpace(Srgb));
        for (var y = 0; y < image.Height; y++)
        {
            using var row = new SKPixmap(source, image.Address + y * image.RowBytes, image.RowBytes);
            if (!row.ReadPixels(converted.Info, converted.GetPixels(), converted.RowBytes))
                throw new InvalidOperationException("Skia could not convert a row to sRGB");
            converted.GetPixelSpan().CopyTo(image.WritableRow(y));
        }
    }
}
