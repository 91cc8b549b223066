using ColorPix.Core.Imaging;

namespace ColorPix.Fuzz.Targets;

/// <summary>
/// <see cref="Image.Decode"/> of TIFF files only: the one decoder written here (TiffDecoder, TiffLayout over LibTiff.NET,
/// all managed and instrumented). Other inputs return at once, so AFL spends its time on TIFF structure instead of
/// on Skia's formats, which it cannot see into.
/// </summary>
public sealed class TiffDecodeTarget : DecodeTarget
{
    public override string Name => "decode-tiff";

    public override void Run(ReadOnlySpan<byte> input)
    {
        if (ImageProbe.DetectFormat(input) == ImageFormat.Tiff) base.Run(input);
    }
}
