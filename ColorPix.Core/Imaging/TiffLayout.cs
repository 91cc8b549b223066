using System.Runtime.InteropServices;
using BitMiracle.LibTiff.Classic;

namespace ColorPix.Core.Imaging;

/// <summary>The fields of a TIFF directory that decide how its pixels are read, and the conversion of one
/// scanline of 8- or 16-bit gray or RGB samples (alpha composited over white) to the stored layout.</summary>
internal sealed record TiffLayout(
    int Width, int Height, int BitsPerSample, int SamplesPerPixel, Photometric Photometric,
    bool Contiguous, bool Tiled, SampleFormat SampleFormat, ExtraSample Alpha, byte[]? IccProfile)
{
    public bool IsGray => Photometric is Photometric.MINISBLACK or Photometric.MINISWHITE;
    public bool HasAlpha => Alpha is ExtraSample.ASSOCALPHA or ExtraSample.UNASSALPHA;

    /// <summary>Scanlines hold whole samples of one of the layouts converted here; the rest goes through libtiff's RGBA interface.</summary>
    public bool ReadsByScanline => !Tiled && Contiguous && SampleFormat == SampleFormat.UINT && BitsPerSample is 8 or 16
        && (IsGray ? SamplesPerPixel >= (HasAlpha ? 2 : 1) : Photometric == Photometric.RGB && SamplesPerPixel >= (HasAlpha ? 4 : 3));

    public static TiffLayout Read(Tiff tiff)
    {
        var extraSamples = tiff.GetField(TiffTag.EXTRASAMPLES) is [_, var types] ? types.ToShortArray() : [];
        return new TiffLayout(
            Field(tiff, TiffTag.IMAGEWIDTH), Field(tiff, TiffTag.IMAGELENGTH), Field(tiff, TiffTag.BITSPERSAMPLE),
            Field(tiff, TiffTag.SAMPLESPERPIXEL), (Photometric)Field(tiff, TiffTag.PHOTOMETRIC),
            Contiguous: (PlanarConfig)Field(tiff, TiffTag.PLANARCONFIG) != PlanarConfig.SEPARATE, Tiled: tiff.IsTiled(),
            (SampleFormat)Field(tiff, TiffTag.SAMPLEFORMAT),
            // Only the first extra sample can be the alpha the other samples are composited with.
            extraSamples is [var first, ..] ? (ExtraSample)first : ExtraSample.UNSPECIFIED,
            tiff.GetField(TiffTag.ICCPROFILE) is [_, var profile] ? profile.ToByteArray() : null);
    }

    /// <summary>A field's first value, or its default; int.MaxValue for an unsigned value beyond int (such as
    /// the default rows per strip, 2^32 - 1: one strip), -1 for a missing field without a default.</summary>
    public static int Field(Tiff tiff, TiffTag tag) =>
        tiff.GetFieldDefaulted(tag) is [var value, ..] ? (int)Math.Min(value.ToUInt(), int.MaxValue) : -1;

    /// <summary>One scanline (samples in host byte order, as libtiff delivers them) to a stored row of 1 or 4 bytes
    /// per pixel. <paramref name="narrowed"/> holds the 8-bit samples of a 16-bit scanline.</summary>
    public void ConvertScanline(ReadOnlySpan<byte> scanline, Span<byte> narrowed, Span<byte> row, int channels)
    {
        var samples = BitsPerSample == 8 ? scanline : Narrow(MemoryMarshal.Cast<byte, ushort>(scanline), narrowed);
        for (var x = 0; x < Width; x++)
        {
            var first = x * SamplesPerPixel;
            byte r, g, b;
            if (IsGray)
            {
                r = samples[first];
                if (Photometric == Photometric.MINISWHITE) r = (byte)(255 - r);
                g = b = r;
            }
            else (r, g, b) = (samples[first], samples[first + 1], samples[first + 2]);

            if (HasAlpha)
            {
                var alpha = samples[first + (IsGray ? 1 : 3)];
                (r, g, b) = (OverWhite(r, alpha), OverWhite(g, alpha), OverWhite(b, alpha));
            }
            if (channels == 1) row[x] = r;
            else (row[4 * x], row[4 * x + 1], row[4 * x + 2], row[4 * x + 3]) = (r, g, b, PixelRows.Opaque);
        }
    }

    private static ReadOnlySpan<byte> Narrow(ReadOnlySpan<ushort> wide, Span<byte> narrowed)
    {
        for (var i = 0; i < wide.Length; i++) narrowed[i] = PixelRows.To8Bit(wide[i]);
        return narrowed[..wide.Length];
    }

    private byte OverWhite(byte sample, byte alpha) => Alpha == ExtraSample.ASSOCALPHA
        ? (byte)Math.Min(255, sample + 255 - alpha) // already multiplied by alpha
        : PixelRows.OverWhite(sample, alpha);
}
