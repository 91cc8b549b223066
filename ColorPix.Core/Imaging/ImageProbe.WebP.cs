namespace ColorPix.Core.Imaging;

public static partial class ImageProbe
{
    // RIFF "size" "WEBP", then the first chunk: VP8 (lossy), VP8L (lossless) or VP8X (extended).
    private static ImageInfo ProbeWebP(ReadOnlySpan<byte> bytes)
    {
        var r = new HeaderReader(bytes, ImageFormat.WebP);
        var chunk = r.Slice(12, 4);
        if (chunk.SequenceEqual("VP8X"u8))
        {
            var alpha = (r.U8(20) & 0x10) != 0;
            return Create(r, ImageFormat.WebP, r.U24(24) + 1L, r.U24(27) + 1L, alpha ? 4 : 3, alpha);
        }
        if (chunk.SequenceEqual("VP8L"u8))
        {
            if (r.U8(20) != 0x2F) throw r.Corrupt("bad VP8L signature");
            var bits = r.U32(21); // 14 bits width-1, 14 bits height-1, 1 bit alpha hint
            var alpha = (bits >> 28 & 1) != 0;
            return Create(r, ImageFormat.WebP, (bits & 0x3FFF) + 1L, (bits >> 14 & 0x3FFF) + 1L, alpha ? 4 : 3, alpha);
        }
        if (chunk.SequenceEqual("VP8 "u8))
        {
            // Key frame: 3-byte frame tag, start code 9D 01 2A, then 14-bit width and height.
            if (!r.Slice(23, 3).SequenceEqual((ReadOnlySpan<byte>)[0x9D, 0x01, 0x2A])) throw r.Corrupt("bad VP8 start code");
            return Create(r, ImageFormat.WebP, r.U16(26) & 0x3FFF, r.U16(28) & 0x3FFF, 3, false);
        }
        throw r.Corrupt("unknown chunk " + string.Concat(chunk.ToArray().Select(b => b is >= 32 and < 127 ? (char)b : '?')));
    }
}
