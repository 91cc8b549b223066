using ColorPix.Core.Imaging;

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
    public static Image? TryDecode(ReadOnlySpan<byte> bytes, out string? rejection, ImageDecodeOptions? options = null)
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
            var image = Image.Decode(bytes, options);
            rejection = IsGrayscale(image) ? $"grayscale: R=G=B within {GrayTolerance} levels" : null;
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

    /// <summary>An image whose channels agree on nearly every pixel; read row by row, never copied.</summary>
    public static bool IsGrayscale(Image image)
    {
        if (image.Channels == 1) return true;
        var budget = new GrayBudget((long)image.Width * image.Height);
        for (var y = 0; y < image.Height; y++)
            if (!budget.Take(image.Row(y), image.BytesPerPixel)) return false;
        return true;
    }

    /// <summary>Counts coloured pixels against the share allowed for the whole image.</summary>
    private sealed class GrayBudget(long pixels)
    {
        private readonly long allowedColoured = (long)(pixels * (1 - GrayShare));
        private long coloured;

        /// <summary>False as soon as too many pixels are coloured. R, G and B start every pixelStride bytes.</summary>
        public bool Take(ReadOnlySpan<byte> pixels, int pixelStride)
        {
            for (var i = 0; i + 2 < pixels.Length; i += pixelStride)
            {
                int r = pixels[i], g = pixels[i + 1], b = pixels[i + 2];
                if (Math.Abs(r - g) > GrayTolerance || Math.Abs(g - b) > GrayTolerance || Math.Abs(r - b) > GrayTolerance)
                    if (++coloured > allowedColoured) return false;
            }
            return true;
        }
    }
}
