using ColorPix.Core.Imaging;

namespace ColorPix.Core.Data;

/// <summary>
/// The black-and-white photo a colour photo would be: one 8-bit gray channel whose sRGB gray (g, g, g) has the
/// photo's CIE luminance Y, hence its Lab L, to within rounding (what <c>Colorizer.Grayscale</c> shows, without its
/// float strips). Perturbations damage this image, the input the service would be sent.
/// </summary>
public static class GrayInput
{
    // Y = 0.212671 R + 0.715160 G + 0.072169 B on linear sRGB (the Y row of Lab's matrix, which sums to 1: white is Y 1).
    private const double Red = 0.212671, Green = 0.715160, Blue = 0.072169;
    private const int YSteps = 65535;

    private static readonly float[] Linear = Enumerable.Range(0, 256).Select(v => (float)ToLinear(v / 255.0)).ToArray();

    /// <summary>Y quantised to 1/65535 -> the nearest gray level in sRGB.</summary>
    private static readonly byte[] GrayOfY = Enumerable.Range(0, YSteps + 1)
        .Select(i => Perturbation.ToByte(255 * FromLinear((double)i / YSteps))).ToArray();

    public static Image Of(Image photo) => Crop(photo, 0, 0, photo.Width, photo.Height);

    /// <summary>The gray of a rectangle of <paramref name="photo"/>, read straight from its rows.</summary>
    public static Image Crop(Image photo, int x, int y, int width, int height)
    {
        if (x < 0 || y < 0 || width <= 0 || height <= 0 || x + width > photo.Width || y + height > photo.Height)
            throw new ArgumentOutOfRangeException(nameof(width), $"({x}, {y}) {width}x{height} is not inside {photo}");
        var gray = Image.CreateUninitialized(width, height, 1);
        for (var row = 0; row < height; row++)
        {
            var source = photo.Row(y + row);
            var target = gray.WritableRow(row);
            if (photo.Channels == 1)
            {
                source.Slice(x, width).CopyTo(target);
                continue;
            }
            for (int i = 0, p = x * 4; i < width; i++, p += 4)
            {
                var luminance = Red * Linear[source[p]] + Green * Linear[source[p + 1]] + Blue * Linear[source[p + 2]];
                target[i] = GrayOfY[(int)(Math.Min(luminance, 1) * YSteps + 0.5)];
            }
        }
        return gray;
    }

    private static double ToLinear(double v) => v > 0.04045 ? Math.Pow((v + 0.055) / 1.055, 2.4) : v / 12.92;

    private static double FromLinear(double v) => v > 0.0031308 ? 1.055 * Math.Pow(v, 1 / 2.4) - 0.055 : v * 12.92;
}
