using ColorPix.Core.Imaging;

namespace ColorPix.Tests.Api.Infrastructure;

/// <summary>Photos to upload: generated in memory, and the image fixtures of Fixtures/images.</summary>
public static class TestPhotos
{
    /// <summary>A black-and-white photo (R = G = B), different for each seed.</summary>
    public static byte[] GrayPng(int width, int height, int seed = 1) => Png(width, height, seed, gray: true);

    public static byte[] ColorPng(int width, int height, int seed = 1) => Png(width, height, seed, gray: false);

    public static byte[] Fixture(string name) =>
        File.ReadAllBytes(Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", "images", name));

    public static (int Width, int Height) SizeOf(byte[] encoded)
    {
        using var image = Image.Decode(encoded);
        return (image.Width, image.Height);
    }

    private static byte[] Png(int width, int height, int seed, bool gray)
    {
        var random = new Random(seed);
        var pixels = new byte[width * height * 3];
        for (var i = 0; i < width * height; i++)
        {
            // Smooth gradients plus a little noise: like a photo, and a seed changes every pixel (distinct uploads).
            var (x, y) = (i % width, i / width);
            var level = (byte)((x * 255 / Math.Max(1, width - 1) + y * 97 / Math.Max(1, height - 1) + random.Next(16)) % 256);
            pixels[3 * i] = level;
            pixels[3 * i + 1] = gray ? level : (byte)(255 - level);
            pixels[3 * i + 2] = gray ? level : (byte)(level / 2 + 60);
        }
        using var image = Image.FromPixels(pixels, width, height, 3);
        return image.Encode(ImageFormat.Png);
    }
}
