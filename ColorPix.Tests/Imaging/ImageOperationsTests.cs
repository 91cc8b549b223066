using ColorPix.Core.Imaging;

namespace ColorPix.Tests.Imaging;

public class ImageOperationsTests
{
    /// <summary>A 37x23 RGB image with smooth gradients plus one sharp edge: odd sizes catch stride bugs.</summary>
    internal static byte[] TestPixels(int width = 37, int height = 23)
    {
        var pixels = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
            {
                var i = (y * width + x) * 3;
                (pixels[i], pixels[i + 1], pixels[i + 2]) = ((byte)(x * 255 / (width - 1)), (byte)(y * 255 / (height - 1)), (byte)(x < width / 2 ? 40 : 200));
            }
        return pixels;
    }

    [Test]
    public void Png_round_trip_is_exact()
    {
        var pixels = TestPixels();
        using var image = Image.FromPixels(pixels, 37, 23, 3);
        var png = image.Encode(ImageFormat.Png);

        ImageProbe.Probe(png).Should().Be(new ImageInfo(ImageFormat.Png, 37, 23, 3, false));
        using var decoded = Image.Decode(png);
        decoded.CopyPixels().Should().Equal(pixels);
    }

    [Test]
    public void Jpeg_round_trip_at_quality_95_is_close()
    {
        var pixels = TestPixels();
        using var image = Image.FromPixels(pixels, 37, 23, 3);
        using var decoded = Image.Decode(image.Encode(ImageFormat.Jpeg, 95));

        var meanError = decoded.CopyPixels().Zip(pixels, (a, b) => Math.Abs(a - b)).Average();
        meanError.Should().BeLessThan(3).And.BeGreaterThan(0, "JPEG is lossy: an exact match means it was not JPEG");
    }

    [Test]
    public void Gray_pixels_round_trip_through_png_as_rgb()
    {
        using var gray = Image.FromPixels([0, 100, 200, 255], 2, 2, 1);
        using var decoded = Image.Decode(gray.Encode());

        decoded.CopyPixels().Should().Equal(0, 0, 0, 100, 100, 100, 200, 200, 200, 255, 255, 255);
    }

    [TestCase(18, 11)]
    [TestCase(74, 46)]
    [TestCase(10, 50)]
    [TestCase(1, 1)]
    public void Resize_gives_the_asked_size(int width, int height)
    {
        using var image = Image.FromPixels(TestPixels(), 37, 23, 3);
        using var resized = image.Resize(width, height);

        (resized.Width, resized.Height, resized.Channels).Should().Be((width, height, 3));
        resized.CopyPixels().Should().HaveCount(width * height * 3);
    }

    [Test]
    public void Shrinking_by_default_averages_pixels()
    {
        // A 1-pixel checkerboard shrunk 2x: area averaging gives flat gray, sampling would give black or white.
        var checker = Enumerable.Range(0, 64).Select(i => (byte)((i % 8 + i / 8) % 2 * 200)).ToArray();
        using var image = Image.FromPixels(checker, 8, 8, 1);
        using var half = image.Resize(4, 4);

        half.CopyPixels().Should().AllBeEquivalentTo((byte)100);
    }

    [Test]
    public void From_pixels_refuses_a_buffer_of_the_wrong_size() =>
        FluentActions.Invoking(() => Image.FromPixels(new byte[10], 2, 2, 3)).Should().Throw<ArgumentException>();

    [Test]
    public void Native_images_are_freed_on_dispose()
    {
        var baseline = Image.LiveCount;
        var images = new List<Image>();
        using (var decoded = ImageFixtures.Decode("quadrants.bmp"))
        {
            images.Add(decoded.Resize(4, 3));
            images.Add(Image.FromPixels(decoded.CopyPixels(), 8, 6, 3));
            Image.LiveCount.Should().Be(baseline + 3);
        }
        images.ForEach(image => image.Dispose());

        Image.LiveCount.Should().Be(baseline);
    }
}
