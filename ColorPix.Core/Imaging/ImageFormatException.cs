using System.Globalization;

namespace ColorPix.Core.Imaging;

/// <summary>The bytes are not an image we can read: unrecognised format, truncated or corrupt data.
/// The message is meant for the user who uploaded the file.</summary>
public class ImageFormatException(string message) : Exception(message);

/// <summary>Not an image at all, or a format ColorPix does not read (HTTP: 415).</summary>
public sealed class UnsupportedImageException(string message) : ImageFormatException(message);

/// <summary>A format ColorPix reads, but the data is truncated or corrupt (HTTP: 422).</summary>
public sealed class CorruptImageException(string message) : ImageFormatException(message);

/// <summary>The image header declares more pixels than allowed. Raised from the header alone, before any
/// pixel memory is allocated. A subclass, so "any unreadable upload" catches it too, while a handler that
/// wants a different status (422 rather than 415) catches it first; the compiler enforces that order.</summary>
public sealed class ImageTooLargeException(int width, int height, long maxPixels)
    : ImageFormatException(string.Create(CultureInfo.InvariantCulture,
        $"image is {width}x{height} = {(long)width * height:N0} pixels, over the limit of {maxPixels:N0} pixels"))
{
    public int Width { get; } = width;
    public int Height { get; } = height;
    public long MaxPixels { get; } = maxPixels;
}
