namespace ColorPix.Core.Imaging;

public static partial class ImageProbe
{
    private const byte StartOfScan = 0xDA, EndOfImage = 0xD9;

    private static ImageInfo ProbeJpeg(ReadOnlySpan<byte> bytes)
    {
        var r = new HeaderReader(bytes, ImageFormat.Jpeg, bigEndian: true);
        // APPn (EXIF, ICC, thumbnails), DQT, DHT... come before the frame header: skip them by length.
        for (long position = 2; ;)
        {
            var (marker, payload) = NextJpegSegment(r, ref position);
            if (IsStartOfFrame(marker))
            {
                var (height, width, components) = (r.U16(payload + 1), r.U16(payload + 3), r.U8(payload + 5));
                if (components is not (1 or 3 or 4)) throw r.Corrupt($"{components} components");
                return Create(r, ImageFormat.Jpeg, width, height, components, hasAlpha: false);
            }
            if (marker is StartOfScan or EndOfImage) throw r.Corrupt("no frame header before the image data");
        }
    }

    /// <summary>Offset where the first scan's entropy-coded data begins.</summary>
    internal static long JpegScanStart(ReadOnlySpan<byte> bytes)
    {
        var r = new HeaderReader(bytes, ImageFormat.Jpeg, bigEndian: true);
        for (long position = 2; ;)
            if (NextJpegSegment(r, ref position).Marker == StartOfScan) return position;
    }

    // SOF0..SOF15, except DHT (C4), JPG (C8) and DAC (CC) which share the range.
    private static bool IsStartOfFrame(byte marker) => marker is >= 0xC0 and <= 0xCF and not (0xC4 or 0xC8 or 0xCC);

    /// <summary>Reads the marker at position and moves position past its segment.</summary>
    private static (byte Marker, long Payload) NextJpegSegment(HeaderReader r, ref long position)
    {
        if (r.U8(position) != 0xFF) throw r.Corrupt($"marker expected at byte {position}");
        while (r.U8(position) == 0xFF) position++; // fill bytes may pad any marker
        var marker = r.U8(position++);
        if (marker is (>= 0xD0 and <= 0xD7) or 0x01 or EndOfImage) return (marker, position); // no length field
        var length = r.U16(position);
        if (length < 2) throw r.Corrupt($"segment length {length}");
        r.Slice(position, length); // the whole segment must be present, or offsets past it are meaningless
        var payload = position + 2;
        position += length;
        return (marker, payload);
    }
}
