using System.Runtime.InteropServices;
using ColorPix.Core.Imaging;

namespace ColorPix.Tests.Imaging;

/// <summary>Images made in the test, for sizes no fixture should weigh, and EXIF orientation added to encoded files.</summary>
internal static class TestImages
{
    public static readonly (int R, int G, int B)[] QuadrantColors = [(255, 0, 0), (0, 255, 0), (0, 0, 255), (255, 255, 255)];

    /// <summary>Red, green / blue, white quadrants, written row by row through WritableRow.</summary>
    public static Image Quadrants(int width, int height)
    {
        var image = Image.Allocate(width, height);
        var colors = QuadrantColors.Select(c => (uint)(c.R | c.G << 8 | c.B << 16 | 255 << 24)).ToArray(); // RGBX, little-endian
        for (var y = 0; y < height; y++)
        {
            var row = MemoryMarshal.Cast<byte, uint>(image.WritableRow(y));
            var bottom = y >= height / 2 ? 2 : 0;
            row[..(width / 2)].Fill(colors[bottom]);
            row[(width / 2)..].Fill(colors[bottom + 1]);
        }
        return image;
    }

    /// <summary>Colour blocks that differ left to right and top to bottom, so any wrong turn or mirror shows.</summary>
    public static Image Asymmetric(int width, int height, int block)
    {
        var image = Image.Allocate(width, height);
        for (var y = 0; y < height; y++)
        {
            var row = image.WritableRow(y);
            for (var x = 0; x < width; x++)
                (row[4 * x], row[4 * x + 1], row[4 * x + 2]) = ((byte)(x / block * 60 % 256), (byte)(y / block * 90 % 256), (byte)((x / block + 2 * (y / block)) * 40 % 256));
        }
        return image;
    }

    /// <summary>The JPEG with an APP1 EXIF segment right after SOI whose only tag is the orientation (1..8).</summary>
    public static byte[] WithExifOrientation(byte[] jpeg, int orientation)
    {
        byte[] app1 = [0xFF, 0xE1, 0, 34, .. "Exif\0\0"u8, .. ExifOrientation(orientation)];
        return [.. jpeg[..2], .. app1, .. jpeg[2..]];
    }

    // Big-endian TIFF header, one IFD with one SHORT entry 0x0112 (orientation), no next IFD.
    private static byte[] ExifOrientation(int orientation) =>
        [.. "MM\0*"u8, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte)orientation, 0, 0, 0, 0, 0, 0];

    /// <summary>Where pixel (x, y) of an image shown upright by EXIF orientation o sits in the stored image
    /// (W x H stored), from the EXIF definitions: written apart from the decoder's own mapping.</summary>
    public static (int X, int Y) StoredPosition(int orientation, int x, int y, int storedWidth, int storedHeight) => orientation switch
    {
        2 => (storedWidth - 1 - x, y),                      // mirrored
        3 => (storedWidth - 1 - x, storedHeight - 1 - y),   // upside down
        4 => (x, storedHeight - 1 - y),                     // mirrored upside down
        5 => (y, x),                                        // row 0 is the left column
        6 => (y, storedHeight - 1 - x),                     // row 0 is the right column: turn clockwise to view
        7 => (storedWidth - 1 - y, storedHeight - 1 - x),   // row 0 is the right column, bottom to top
        8 => (storedWidth - 1 - y, x),                      // row 0 is the left column, bottom to top: turn anticlockwise
        _ => (x, y),
    };
}
