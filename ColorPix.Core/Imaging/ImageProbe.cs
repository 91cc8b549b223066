namespace ColorPix.Core.Imaging;

/// <summary>
/// Reads format, size, channels and alpha from an image header in pure C#, without decoding pixels,
/// so the size of an upload is known (and capped) before any pixel memory exists.
/// Never throws anything but <see cref="ImageFormatException"/>, whatever the bytes.
/// </summary>
public static partial class ImageProbe
{
    private static ReadOnlySpan<byte> PngSignature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    public static ImageInfo Probe(ReadOnlySpan<byte> bytes) => DetectFormat(bytes) switch
    {
        ImageFormat.Jpeg => ProbeJpeg(bytes),
        ImageFormat.Png => ProbePng(bytes),
        ImageFormat.WebP => ProbeWebP(bytes),
        ImageFormat.Bmp => ProbeBmp(bytes),
        ImageFormat.Tiff => ProbeTiff(bytes),
        _ => throw new UnsupportedImageException("not an image: unrecognised format (expected JPEG, PNG, WebP, BMP or TIFF)"),
    };

    /// <summary>The format named by the file's magic bytes, or null.</summary>
    public static ImageFormat? DetectFormat(ReadOnlySpan<byte> bytes) => bytes switch
    {
        [0xFF, 0xD8, 0xFF, ..] => ImageFormat.Jpeg,
        _ when bytes.StartsWith(PngSignature) => ImageFormat.Png,
        [(byte)'R', (byte)'I', (byte)'F', (byte)'F', _, _, _, _, (byte)'W', (byte)'E', (byte)'B', (byte)'P', ..] => ImageFormat.WebP,
        [(byte)'B', (byte)'M', ..] => ImageFormat.Bmp,
        [(byte)'I', (byte)'I', 42, 0, ..] or [(byte)'M', (byte)'M', 0, 42, ..] => ImageFormat.Tiff,
        _ => null,
    };

    private static ImageInfo Create(HeaderReader reader, ImageFormat format, long width, long height, int channels, bool hasAlpha) =>
        width is > 0 and <= int.MaxValue && height is > 0 and <= int.MaxValue
            ? new ImageInfo(format, (int)width, (int)height, channels, hasAlpha)
            : throw reader.Corrupt($"invalid size {width}x{height}");

    private static ImageInfo ProbePng(ReadOnlySpan<byte> bytes)
    {
        var r = new HeaderReader(bytes, ImageFormat.Png, bigEndian: true);
        if (!r.Slice(12, 4).SequenceEqual("IHDR"u8)) throw r.Corrupt("IHDR chunk expected first");
        var (width, height, colorType) = (r.U32(16), r.U32(20), r.U8(25));
        var transparencyChunk = HasPngChunkBeforeData(r, "tRNS"u8);
        var (channels, hasAlpha) = colorType switch
        {
            0 => (transparencyChunk ? 2 : 1, transparencyChunk),
            2 or 3 => (transparencyChunk ? 4 : 3, transparencyChunk),
            4 => (2, true),
            6 => (4, true),
            _ => throw r.Corrupt($"unknown color type {colorType}"),
        };
        return Create(r, ImageFormat.Png, width, height, channels, hasAlpha);
    }

    // tRNS must precede the first IDAT, so the walk stops there and never touches pixel data.
    private static bool HasPngChunkBeforeData(HeaderReader r, ReadOnlySpan<byte> type)
    {
        // 12L: 12 + a uint is uint addition, and a length of 2^32 - 12 wrapped to 0: the same chunk forever (found by the
        // probe fuzz target).
        for (long offset = 8; ; offset += 12L + r.U32(offset))
        {
            var chunk = r.Slice(offset + 4, 4);
            if (chunk.SequenceEqual(type)) return true;
            if (chunk.SequenceEqual("IDAT"u8) || chunk.SequenceEqual("IEND"u8)) return false;
        }
    }

    private static ImageInfo ProbeBmp(ReadOnlySpan<byte> bytes)
    {
        var r = new HeaderReader(bytes, ImageFormat.Bmp);
        var headerSize = r.U32(14);
        if (headerSize == 12) // OS/2 BITMAPCOREHEADER: 16-bit sizes, no alpha
            return Create(r, ImageFormat.Bmp, r.U16(18), r.U16(20), 3, false);
        if (headerSize < 40) throw r.Corrupt($"unknown DIB header size {headerSize}");
        var (width, height, bitCount, compression) = ((int)r.U32(18), (int)r.U32(22), r.U16(28), r.U32(30));
        // 32-bit pixels carry alpha only with bit fields naming an alpha mask (V4+ headers); plain
        // 32-bit BI_RGB files mostly leave that byte zero, and treating it as alpha would blank them.
        const uint BitFields = 3, AlphaBitFields = 6;
        var hasAlpha = bitCount == 32 && compression is BitFields or AlphaBitFields && headerSize >= 56 && r.U32(66) != 0;
        // A negative height means rows are stored top-down.
        return Create(r, ImageFormat.Bmp, width, Math.Abs((long)height), hasAlpha ? 4 : 3, hasAlpha);
    }
}
