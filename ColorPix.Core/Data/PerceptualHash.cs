using System.Numerics;
using ColorPix.Core.Imaging;

namespace ColorPix.Core.Data;

/// <summary>
/// The difference hash (dHash) of an image: its gray 9x8 thumbnail, one bit per pair of horizontal neighbours
/// (is the left one brighter?). Resizing, re-encoding and small colour changes leave it nearly unchanged, so a
/// wallpaper at two resolutions, or a JPEG and the PNG it came from, hash within a few bits of each other;
/// unrelated photos differ in about half of the 64. Flat, dark pictures hash alike whatever they show (their
/// neighbours tie), so a match is confirmed on a 16x16 gray thumbnail: the same picture differs from itself there
/// by a level or two on average, two pictures by tens.
/// </summary>
public static class PerceptualHash
{
    /// <summary>Hashes this many bits apart or fewer may show the same picture.</summary>
    public const int SameImageDistance = 10;

    /// <summary>... and their thumbnails differ by at most this many gray levels on average.</summary>
    public const double SameImageThumbnailDifference = 8;

    public static byte[] Thumbnail(Image image)
    {
        using var small = image.Resize(16, 16, Interpolation.Area);
        var rgb = small.CopyPixels();
        return Enumerable.Range(0, 256).Select(i => (byte)(Gray(rgb, i) / 1000)).ToArray();
    }

    public static double ThumbnailDifference(byte[] a, byte[] b) => a.Zip(b, (x, y) => Math.Abs(x - y)).Average();

    public static bool SamePicture(ulong hashA, byte[] thumbnailA, ulong hashB, byte[] thumbnailB) =>
        Distance(hashA, hashB) <= SameImageDistance && ThumbnailDifference(thumbnailA, thumbnailB) <= SameImageThumbnailDifference;

    public static ulong DHash(Image image)
    {
        using var thumbnail = image.Resize(9, 8, Interpolation.Area);
        var rgb = thumbnail.CopyPixels();
        ulong hash = 0;
        for (var y = 0; y < 8; y++)
            for (var x = 0; x < 8; x++)
            {
                var (left, right) = (Gray(rgb, y * 9 + x), Gray(rgb, y * 9 + x + 1));
                hash = hash << 1 | (left > right ? 1UL : 0UL);
            }
        return hash;
    }

    public static int Distance(ulong a, ulong b) => BitOperations.PopCount(a ^ b);

    private static int Gray(byte[] rgb, int pixel) => 299 * rgb[3 * pixel] + 587 * rgb[3 * pixel + 1] + 114 * rgb[3 * pixel + 2];
}
