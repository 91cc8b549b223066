namespace ColorPix.Torch.Imaging;

/// <summary>
/// Detects files cut short. libjpeg only warns on a premature end and fills the missing rows with gray,
/// so without this check a half-uploaded photo would "decode" and be colorized.
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
            offset += 12 + r.U32(offset);
        }
        return false;
    }
}
