namespace ColorPix.Core.Imaging;

/// <summary>Conversions of one row of pixels between the interleaved layout callers use (1 or 3 bytes per pixel)
/// and the stored one (1 or 4), and flattening of transparency.</summary>
internal static class PixelRows
{
    public const byte Opaque = 255;

    /// <summary>Interleaved (gray, or RGB) to stored (gray, or RGBX).</summary>
    public static void Unpack(ReadOnlySpan<byte> source, Span<byte> stored, int channels)
    {
        if (channels == 1)
        {
            source.CopyTo(stored);
            return;
        }
        for (int i = 0, o = 0; i < source.Length; i += 3, o += 4)
            (stored[o], stored[o + 1], stored[o + 2], stored[o + 3]) = (source[i], source[i + 1], source[i + 2], Opaque);
    }

    /// <summary>Stored (gray, or RGBX) to interleaved (gray, or RGB).</summary>
    public static void Pack(ReadOnlySpan<byte> stored, Span<byte> destination, int channels)
    {
        if (channels == 1)
        {
            stored.CopyTo(destination);
            return;
        }
        for (int i = 0, o = 0; o < destination.Length; i += 4, o += 3)
            (destination[o], destination[o + 1], destination[o + 2]) = (stored[i], stored[i + 1], stored[i + 2]);
    }

    /// <summary>
    /// Premultiplied RGBA, in place, to RGBX composited over white: colour + (1 - alpha) x white. Transparent
    /// regions would otherwise turn black, and the model would colorize the black.
    /// </summary>
    public static void CompositeOverWhite(Span<byte> premultipliedRgba)
    {
        for (var i = 0; i < premultipliedRgba.Length; i += 4)
        {
            var uncovered = (byte)(Opaque - premultipliedRgba[i + 3]);
            // A premultiplied channel never exceeds alpha, so the sum stays within a byte.
            premultipliedRgba[i] += uncovered;
            premultipliedRgba[i + 1] += uncovered;
            premultipliedRgba[i + 2] += uncovered;
            premultipliedRgba[i + 3] = Opaque;
        }
    }

    /// <summary>Sets the padding byte of RGBX pixels (one uint each, little-endian: the high byte) to 255.</summary>
    public static void SetPadding(Span<uint> rgbx)
    {
        const uint Padding = 0xFF000000;
        foreach (ref var pixel in rgbx) pixel |= Padding;
    }

    /// <summary>One colour sample with unassociated (straight) alpha, composited over white, rounded.</summary>
    public static byte OverWhite(int sample, int alpha) => (byte)((sample * alpha + Opaque * (Opaque - alpha) + 127) / Opaque);

    /// <summary>A 16-bit sample rounded to 8 bits (v / 257, rounded), as Skia and OpenCV do.</summary>
    public static byte To8Bit(ushort sample) => (byte)((sample * 255 + 32767) / 65535);
}
