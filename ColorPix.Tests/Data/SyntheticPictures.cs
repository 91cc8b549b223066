using ColorPix.Core.Imaging;

namespace ColorPix.Tests.Data;

/// <summary>Interleaved RGB pictures with the statistics of the kinds the corpus screen tells apart.</summary>
internal static class SyntheticPictures
{
    /// <summary>Like a photograph: smooth colour structure (a few random waves per channel) under sensor noise.</summary>
    public static byte[] PhotoLike(int seed, int width = 256, int height = 192, double tint = 1, double noise = 6)
    {
        var random = new Random(seed);
        var waves = Enumerable.Range(0, 3).Select(_ => Enumerable.Range(0, 3)
            .Select(_ => (fx: random.NextDouble() * 4 + 1, fy: random.NextDouble() * 4 + 1, phase: random.NextDouble() * 6.28)).ToArray()).ToArray();
        var pixels = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
            {
                var shade = 128 + 50 * Math.Sin(6.28 * (x / (double)width * waves[0][0].fx + y / (double)height * waves[0][0].fy) + waves[0][0].phase);
                for (var c = 0; c < 3; c++)
                {
                    var colour = waves[c].Sum(w => Math.Sin(6.28 * (x / (double)width * w.fx + y / (double)height * w.fy) + w.phase)) * 25 * tint;
                    pixels[3 * (y * width + x) + c] = Clamp(shade + colour + Gaussian(random) * noise);
                }
            }
        return pixels;
    }

    /// <summary>Near-gray: the photo-like structure with a faint tint, far enough from R=G=B that
    /// SourceImageScreen still calls it colour.</summary>
    public static byte[] NearGray(int seed, int width = 256, int height = 192)
    {
        var pixels = PhotoLike(seed, width, height, tint: 0);
        for (var i = 0; i < pixels.Length; i += 3)
            (pixels[i], pixels[i + 2]) = (Clamp(pixels[i + 1] + 4), Clamp(pixels[i + 1] - 4));
        return pixels;
    }

    /// <summary>A render: a clean colour gradient, neighbours at most a level apart.</summary>
    public static byte[] Gradient(int width = 256, int height = 192)
    {
        var pixels = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
                (pixels[3 * (y * width + x)], pixels[3 * (y * width + x) + 1], pixels[3 * (y * width + x) + 2]) =
                    ((byte)(40 + 200 * x / width), (byte)(40 + 150 * y / height), 120);
        return pixels;
    }

    /// <summary>An illustration: four flat, saturated rectangles.</summary>
    public static byte[] FlatIllustration(int width = 256, int height = 192)
    {
        byte[][] colours = [[230, 40, 40], [40, 160, 230], [250, 210, 30], [60, 180, 75]];
        var pixels = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
                colours[(x < width / 2 ? 0 : 1) + (y < height / 2 ? 0 : 2)].CopyTo(pixels, 3 * (y * width + x));
        return pixels;
    }

    public static Image ToImage(byte[] rgb, int width = 256, int height = 192) => Image.FromPixels(rgb, width, height, 3);

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static byte Clamp(double value) => (byte)Math.Clamp(Math.Round(value), 0, 255);
}
