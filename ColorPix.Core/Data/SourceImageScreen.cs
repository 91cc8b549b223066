using ColorPix.Torch.Imaging;

namespace ColorPix.Core.Data;

/// <summary>
/// Decides whether a file can teach colour: it must decode, and it must have colour at the source.
/// A grayscale photo (MSCOCO has a few hundred, some stored as 3-channel JPEGs) would teach the model that
/// grayscale in means grayscale out, so such files are skipped, with the reason recorded.
/// </summary>
public static class SourceImageScreen
{
    /// <summary>Channels may differ by this many levels and still count as gray (JPEG noise).</summary>
    public const int GrayTolerance = 2;

    /// <summary>An image whose gray pixels reach this share is grayscale: a few coloured artefacts do not count.</summary>
    public const double GrayShare = 0.99;

    /// <summary>The decoded RGB image, or null with the reason it cannot be used. The caller disposes the image.</summary>
    public static Image? TryDecode(ReadOnlySpan<byte> bytes, out string? rejection)
    {
        try
        {
            // Checked from the header first: a single-channel file needs no decoding to be refused.
            var info = ImageProbe.Probe(bytes);
            if (info.Channels <= 2) // gray, or gray + alpha
            {
                rejection = $"grayscale: single-channel {info.Format.DisplayName()}";
                return null;
            }
            var image = Image.Decode(bytes);
            rejection = IsGrayscale(image.CopyPixels()) ? $"grayscale: R=G=B within {GrayTolerance} levels" : null;
            if (rejection is null) return image;
            image.Dispose();
            return null;
        }
        catch (ImageFormatException e)
        {
            rejection = "unreadable: " + e.Message;
            return null;
        }
    }

    /// <summary>Interleaved RGB pixels whose channels agree on nearly every pixel.</summary>
    public static bool IsGrayscale(ReadOnlySpan<byte> rgb)
    {
        var pixels = rgb.Length / 3;
        var allowedColoured = (long)(pixels * (1 - GrayShare));
        long coloured = 0;
        for (var i = 0; i < rgb.Length; i += 3)
        {
            int r = rgb[i], g = rgb[i + 1], b = rgb[i + 2];
            if (Math.Abs(r - g) > GrayTolerance || Math.Abs(g - b) > GrayTolerance || Math.Abs(r - b) > GrayTolerance)
                if (++coloured > allowedColoured) return false;
        }
        return true;
    }
}
