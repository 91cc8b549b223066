namespace ColorPix.Core.Imaging;

/// <summary>What a file's header says, read without decoding pixels.</summary>
/// <param name="Width">Stored width, before any EXIF orientation is applied.</param>
/// <param name="Height">Stored height, before any EXIF orientation is applied.</param>
/// <param name="Channels">Samples per pixel after palette expansion, alpha included: gray 1, gray+alpha 2,
/// RGB or palette 3, RGBA 4; a CMYK JPEG also has 4 (without alpha).</param>
/// <param name="HasAlpha">The file carries transparency (an alpha channel or a PNG tRNS chunk).</param>
public sealed record ImageInfo(ImageFormat Format, int Width, int Height, int Channels, bool HasAlpha)
{
    public long Pixels => (long)Width * Height;
}
