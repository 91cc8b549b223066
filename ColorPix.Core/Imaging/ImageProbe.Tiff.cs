namespace ColorPix.Core.Imaging;

public static partial class ImageProbe
{
    private const ushort ImageWidth = 256, ImageLength = 257, SamplesPerPixel = 277, ExtraSamples = 338;
    private const ushort TypeShort = 3, TypeLong = 4;

    /// <summary>Reads the first IFD only (later pages are ignored by the decoder too).</summary>
    private static ImageInfo ProbeTiff(ReadOnlySpan<byte> bytes)
    {
        var r = new HeaderReader(bytes, ImageFormat.Tiff, bigEndian: bytes[0] == (byte)'M');
        long ifd = r.U32(4);
        var count = r.U16(ifd);
        long width = 0, height = 0, samples = 1;
        var hasAlpha = false;
        for (var i = 0; i < count; i++)
        {
            var entry = ifd + 2 + 12L * i;
            switch (r.U16(entry))
            {
                case ImageWidth: width = TiffValue(r, entry); break;
                case ImageLength: height = TiffValue(r, entry); break;
                case SamplesPerPixel: samples = TiffValue(r, entry); break;
                // 1 = associated (premultiplied) alpha, 2 = unassociated alpha; 0 = meaningless extra data.
                case ExtraSamples: hasAlpha = TiffValue(r, entry) is 1 or 2; break;
            }
        }
        if (samples is < 1 or > 16) throw r.Corrupt($"{samples} samples per pixel");
        return Create(r, ImageFormat.Tiff, width, height, (int)samples, hasAlpha);
    }

    /// <summary>The first value of a SHORT or LONG entry; with one or two SHORTs it sits inline.</summary>
    private static long TiffValue(HeaderReader r, long entry)
    {
        var (type, count) = (r.U16(entry + 2), r.U32(entry + 4));
        if (count == 0) throw r.Corrupt("empty field");
        return type switch
        {
            TypeShort when count <= 2 => r.U16(entry + 8),
            TypeShort => r.U16(r.U32(entry + 8)),
            TypeLong when count == 1 => r.U32(entry + 8),
            TypeLong => r.U32(r.U32(entry + 8)),
            _ => throw r.Corrupt($"field type {type} where SHORT or LONG expected"),
        };
    }
}
