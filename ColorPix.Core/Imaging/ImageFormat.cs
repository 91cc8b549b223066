namespace ColorPix.Core.Imaging;

/// <summary>File formats we read. <see cref="Image.Encode"/> writes Png and Jpeg only.</summary>
public enum ImageFormat { Jpeg, Png, WebP, Bmp, Tiff }

public static class ImageFormatExtensions
{
    /// <summary>The name users know the format by, for messages.</summary>
    public static string DisplayName(this ImageFormat format) => format switch
    {
        ImageFormat.WebP => "WebP",
        _ => format.ToString().ToUpperInvariant(),
    };
}
