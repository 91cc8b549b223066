namespace ColorPix.Core.Imaging;

/// <summary>
/// Detects files cut short, from their structure alone. libjpeg only warns on a premature end and fills the
/// missing rows with gray, so without this check a half-uploaded photo would "decode" and be colorized; for
/// the other formats it gives a cut file the same "truncated" answer, whatever the decoder would have said.
/// </summary>
internal static class ImageCompleteness
{
    private static ReadOnlySpan<byte> JpegEndOfImage => [0xFF, 0xD9];

    public static bool IsComplete(ReadOnlySpan<byte> bytes, ImageFormat format) => format switch
    {
        // Inside entropy-coded data 0xFF is always stuffed (FF 00) or a restart marker, so the first
        // FF D9 after the scan header is the real end; one inside an EXIF thumbnail comes before it.
        ImageFormat.Jpeg => bytes[(int)ImageProbe.JpegScanStart(bytes)..].IndexOf(JpegEndOfImage) >= 0,
        ImageFormat.Png => ReachesPngEnd(bytes),
        // RIFF: the size after the 8-byte "RIFF" + size header covers the whole file.
        ImageFormat.WebP => 8L + new HeaderReader(bytes, ImageFormat.WebP).U32(4) <= bytes.Length,
        ImageFormat.Bmp => ReachesBmpPixelsEnd(bytes),
        ImageFormat.Tiff => ReachesTiffDataEnd(bytes),
        _ => true,
    };

    private static bool ReachesPngEnd(ReadOnlySpan<byte> bytes)
    {
        var r = new HeaderReader(bytes, ImageFormat.Png, bigEndian: true);
        long offset = 8;
        // Chunk headers only: length, type, data, CRC. A length pointing past the end means truncation.
        while (offset + 12 <= bytes.Length)
        {
            if (r.Slice(offset + 4, 4).SequenceEqual("IEND"u8)) return true;
            offset += 12L + r.U32(offset); // 12L: 12 + a uint is uint addition, and a length of 2^32 - 12 wrapped to 0
        }
        return false;
    }

    private static bool ReachesBmpPixelsEnd(ReadOnlySpan<byte> bytes)
    {
        var r = new HeaderReader(bytes, ImageFormat.Bmp);
        var (dataOffset, headerSize) = (r.U32(10), r.U32(14));
        var core = headerSize == 12; // OS/2 BITMAPCOREHEADER: 16-bit sizes, never compressed
        long width = core ? r.U16(18) : (int)r.U32(18), height = core ? r.U16(20) : Math.Abs((long)(int)r.U32(22));
        int bitCount = r.U16(core ? 24 : 28);
        var compression = core ? 0 : r.U32(30);
        const uint Rgb = 0, BitFields = 3, AlphaBitFields = 6;
        // Uncompressed rows are padded to 4 bytes; writers may leave out the last row's padding.
        var needed = compression is Rgb or BitFields or AlphaBitFields
            ? (width * bitCount + 31) / 32 * 4 * (height - 1) + (width * bitCount + 7) / 8
            : r.U32(34); // compressed: the header's image size (0 when the writer did not say)
        return dataOffset + needed <= bytes.Length;
    }

    private const ushort ImageWidth = 256, ImageLength = 257, SamplesPerPixel = 277, RowsPerStrip = 278, PlanarConfig = 284,
        TileWidth = 322, TileLength = 323, StripOffsets = 273, StripByteCounts = 279, TileOffsets = 324, TileByteCounts = 325;

    /// <summary>Every field's values and every strip (or tile) the image needs, in the first directory, lie inside the file.</summary>
    private static bool ReachesTiffDataEnd(ReadOnlySpan<byte> bytes)
    {
        var r = new HeaderReader(bytes, ImageFormat.Tiff, bigEndian: bytes[0] == (byte)'M');
        long ifd = r.U32(4);
        var entries = new Dictionary<ushort, long>();
        for (var i = 0; i < r.U16(ifd); i++)
        {
            var entry = ifd + 2 + 12L * i;
            // LibTiff.NET allocates a field's values by their declared count before it reads them: a few bytes declaring
            // a billion values cost gigabytes and seconds (found by the decode-tiff fuzz target).
            if (!TiffValuesInside(r, entry)) return false;
            entries.TryAdd(r.U16(entry), entry);
        }
        var tiled = entries.ContainsKey(TileOffsets);
        if (!entries.TryGetValue(tiled ? TileOffsets : StripOffsets, out var offsets)
            || !entries.TryGetValue(tiled ? TileByteCounts : StripByteCounts, out var counts))
            return true; // nothing to measure: the decoder will say what is wrong
        var blocks = Math.Min(r.U32(offsets + 4), r.U32(counts + 4));
        // Fewer blocks than the image needs: libtiff reads the missing ones as empty, one by one (the decode target found
        // 216 bytes declaring 10,921 strips, which took seconds).
        if (blocks < BlocksNeeded(r, entries, tiled)) return false;
        for (uint k = 0; k < blocks; k++)
            if (TiffArrayValue(r, offsets, k) + TiffArrayValue(r, counts, k) > bytes.Length) return false;
        return true;
    }

    /// <summary>Strips or tiles a complete image has, from its size, block size and planes; 0 when a field is missing or 0
    /// (the decoder reports those).</summary>
    private static long BlocksNeeded(HeaderReader r, Dictionary<ushort, long> entries, bool tiled)
    {
        static long Ceiling(long length, long block) => block > 0 ? (length + block - 1) / block : 0;
        var (width, height) = (TiffField(r, entries, ImageWidth, 0), TiffField(r, entries, ImageLength, 0));
        const long SeparatePlanes = 2;
        var planes = TiffField(r, entries, PlanarConfig, 1) == SeparatePlanes ? TiffField(r, entries, SamplesPerPixel, 1) : 1;
        // RowsPerStrip defaults to 2^32 - 1: one strip.
        var perPlane = tiled ? Ceiling(width, TiffField(r, entries, TileWidth, 0)) * Ceiling(height, TiffField(r, entries, TileLength, 0))
            : Ceiling(height, Math.Min(TiffField(r, entries, RowsPerStrip, uint.MaxValue), height));
        return perPlane * planes;
    }

    private static long TiffField(HeaderReader r, Dictionary<ushort, long> entries, ushort tag, long missing) =>
        entries.TryGetValue(tag, out var entry) ? TiffArrayValue(r, entry, 0) : missing;

    /// <summary>Whether the values of a field lie inside the file: inline when they fit in 4 bytes, else at the offset the
    /// entry gives. Fields of a type TIFF does not define are left to the decoder.</summary>
    private static bool TiffValuesInside(HeaderReader r, long entry)
    {
        var (type, count) = (r.U16(entry + 2), r.U32(entry + 4));
        if (TiffTypeSize(type) is not { } size) return true;
        var length = count * size;
        return length <= 4 || r.U32(entry + 8) + length <= r.Length;
    }

    // TIFF 6 field types 1..13 and BigTIFF's 16..18: BYTE, ASCII, SHORT, LONG, RATIONAL, SBYTE, UNDEFINED, SSHORT, SLONG,
    // SRATIONAL, FLOAT, DOUBLE, IFD; LONG8, SLONG8, IFD8.
    private static int? TiffTypeSize(ushort type) => type switch
    {
        1 or 2 or 6 or 7 => 1,
        3 or 8 => 2,
        4 or 9 or 11 or 13 => 4,
        5 or 10 or 12 or 16 or 17 or 18 => 8,
        _ => null,
    };

    /// <summary>Value <paramref name="index"/> of a SHORT or LONG array entry: inline when it fits in 4 bytes.</summary>
    private static long TiffArrayValue(HeaderReader r, long entry, uint index)
    {
        var (type, count) = (r.U16(entry + 2), r.U32(entry + 4));
        var size = type == 3 ? 2 : type == 4 ? 4 : throw r.Corrupt($"field type {type} where SHORT or LONG expected");
        var start = count * size <= 4 ? entry + 8 : r.U32(entry + 8);
        return size == 2 ? r.U16(start + index * 2) : r.U32(start + index * 4);
    }
}
