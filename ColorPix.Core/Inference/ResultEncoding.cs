using ColorPix.Core.Imaging;

namespace ColorPix.Core.Inference;

/// <summary>The bytes the API returns for a colorized image.</summary>
public static class ResultEncoding
{
    public const int ThumbnailSide = 256;
    public const int JpegQuality = 90;

    public static byte[] Png(Image image) => image.Encode(ImageFormat.Png);

    public static byte[] Jpeg(Image image, int quality = JpegQuality) => image.Encode(ImageFormat.Jpeg, quality);

    /// <summary>A JPEG whose longest side is at most <paramref name="longestSide"/> px, aspect kept; never enlarged.</summary>
    public static byte[] Thumbnail(Image image, int longestSide = ThumbnailSide, int quality = JpegQuality)
    {
        if (longestSide < 1) throw new ArgumentOutOfRangeException(nameof(longestSide), longestSide, "must be positive");
        var scale = Math.Min(1.0, (double)longestSide / Math.Max(image.Width, image.Height));
        if (scale >= 1) return Jpeg(image, quality);
        var (width, height) = (Math.Max(1, (int)Math.Round(image.Width * scale)), Math.Max(1, (int)Math.Round(image.Height * scale)));
        using var small = image.Resize(width, height);
        return Jpeg(small, quality);
    }
}
