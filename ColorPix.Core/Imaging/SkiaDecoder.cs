using System.Runtime.InteropServices;
using SkiaSharp;

namespace ColorPix.Core.Imaging;

/// <summary>
/// Decodes JPEG, PNG, WebP and BMP with Skia's codecs: converted to sRGB from any embedded ICC profile (CMYK
/// included), turned upright by the EXIF orientation (JPEG, WebP), transparency composited over white.
/// </summary>
internal static class SkiaDecoder
{
    /// <summary>Rows decoded at a time when an image is turned upright as it is decoded.</summary>
    private const int StripRows = 16;

    /// <param name="reduction">1, 2, 4 or 8: how much the caller lets the image shrink (ImageDecodeOptions.MinSide).</param>
    /// <param name="reduced">Whether the decoder shrank the image itself; if not, the caller must.</param>
    public static Image Decode(ReadOnlySpan<byte> bytes, ImageFormat format, ImageDecodeOptions options, int reduction, out bool reduced)
    {
        // Skia reads from native memory: one copy of the encoded bytes, never of the pixels.
        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data) ?? throw Corrupt(format, "the decoder cannot read its header");
        var stored = codec.Info;
        // The probe capped the size from the header; the decoder's own reading of it must obey the cap too.
        if ((long)stored.Width * stored.Height > options.MaxPixels)
            throw new ImageTooLargeException(stored.Width, stored.Height, options.MaxPixels);

        var size = ReducedSize(codec, reduction, options.MinSide, out reduced);
        var gray = options.KeepGray && stored.ColorType == SKColorType.Gray8;
        var hasAlpha = !gray && stored.AlphaType != SKAlphaType.Opaque;
        // In sRGB: Skia converts from the embedded ICC profile, if any.
        // Premultiplied, because compositing over white is then one addition per channel.
        var target = new SKImageInfo(size.Width, size.Height, gray ? SKColorType.Gray8 : SKColorType.Rgba8888,
            hasAlpha ? SKAlphaType.Premul : SKAlphaType.Opaque, ColorProfiles.Srgb);
        var orientation = new Orientation(codec.EncodedOrigin, size.Width, size.Height);

        if (orientation.IsUpright) return DecodeAsStored(codec, target, format, hasAlpha);
        // Row by row into the upright image where the codec allows it (JPEG): no full-size stored copy.
        if (codec.StartScanlineDecode(target) == SKCodecResult.Success && codec.ScanlineOrder == SKCodecScanlineOrder.TopDown)
            return DecodeUpright(codec, target, format, hasAlpha, orientation);
        using var asStored = DecodeAsStored(codec, target, format, hasAlpha);
        return orientation.Apply(asStored, StripRows);
    }

    /// <summary>The smallest size the codec decodes to directly (JPEG: 1/2, 1/4, 1/8; WebP: any) whose shorter
    /// side is still at least minSide, trying the caller's reduction first.</summary>
    private static SKSizeI ReducedSize(SKCodec codec, int reduction, int? minSide, out bool reduced)
    {
        var full = codec.Info.Size;
        for (reduced = true; reduction > 1; reduction /= 2)
        {
            var size = codec.GetScaledDimensions(1f / reduction);
            if (size != full && Math.Min(size.Width, size.Height) >= minSide) return size;
        }
        reduced = false;
        return full;
    }

    private static Image DecodeAsStored(SKCodec codec, SKImageInfo target, ImageFormat format, bool hasAlpha)
    {
        var image = Image.CreateUninitialized(target.Width, target.Height, ChannelsOf(target));
        try
        {
            var result = codec.GetPixels(target, image.Address, image.RowBytes, SKCodecOptions.Default);
            if (result != SKCodecResult.Success) throw Corrupt(format, result);
            if (hasAlpha) PixelRows.CompositeOverWhite(image.Pixels);
            return image;
        }
        catch
        {
            image.Dispose();
            throw;
        }
    }

    /// <summary>Decodes a strip of stored rows at a time and places each row in the upright image.</summary>
    private static Image DecodeUpright(SKCodec codec, SKImageInfo target, ImageFormat format, bool hasAlpha, Orientation orientation)
    {
        var channels = ChannelsOf(target);
        var image = Image.CreateUninitialized(orientation.Width, orientation.Height, channels);
        try
        {
            // Rows back to back (no padding), as Orientation.Place reads them.
            using var strip = new SKBitmap(target.WithSize(target.Width, Math.Min(StripRows, target.Height)));
            if (strip.RowBytes != target.Width * target.BytesPerPixel) throw new InvalidOperationException("padded strip rows");
            for (var y = 0; y < target.Height; y += strip.Height)
            {
                var rows = Math.Min(strip.Height, target.Height - y);
                if (codec.GetScanlines(strip.GetPixels(), rows, strip.RowBytes) != rows)
                    throw Corrupt(format, "its image data is damaged or ends early");
                var decoded = strip.GetPixelSpan()[..(rows * strip.RowBytes)];
                if (hasAlpha) PixelRows.CompositeOverWhite(decoded);
                if (channels == 1) orientation.Place<byte>(decoded, y, rows, image.Pixels);
                else orientation.Place<uint>(MemoryMarshal.Cast<byte, uint>(decoded), y, rows, image.Pixels32);
            }
            return image;
        }
        catch
        {
            image.Dispose();
            throw;
        }
    }

    private static int ChannelsOf(SKImageInfo target) => target.ColorType == SKColorType.Gray8 ? 1 : 3;

    private static CorruptImageException Corrupt(ImageFormat format, SKCodecResult result) => result switch
    {
        SKCodecResult.IncompleteInput => new($"truncated {format.DisplayName()} image: the file ends before its image data does"),
        SKCodecResult.ErrorInInput => Corrupt(format, "its image data is damaged"),
        SKCodecResult.InvalidInput => Corrupt(format, "its image data is invalid"),
        _ => Corrupt(format, $"the decoder failed ({result})"),
    };

    private static CorruptImageException Corrupt(ImageFormat format, string reason) => new($"corrupt {format.DisplayName()} image: {reason}");
}
