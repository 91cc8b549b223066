using ColorPix.Core.Imaging;

namespace ColorPix.Tests.Imaging;

public class ImageDecodeTests
{
    private static readonly (int, int, int) Red = (255, 0, 0), Green = (0, 255, 0), Blue = (0, 0, 255), White = (255, 255, 255);

    // The 8x6 quadrant files: red top-left, green top-right, blue bottom-left, white bottom-right.
    private static readonly string[] QuadrantFiles = ["palette.png", "quadrants.webp", "quadrants.bmp", "quadrants.tiff", "palette.tiff"];

    [TestCaseSource(nameof(QuadrantFiles))]
    public void Quadrant_files_decode_to_exact_rgb(string file)
    {
        using var image = ImageFixtures.Decode(file);
        var pixels = image.CopyPixels();

        (image.Width, image.Height, image.Channels).Should().Be((8, 6, 3));
        image.Rgb(pixels, 1, 1).Should().Be(Red);
        image.Rgb(pixels, 6, 1).Should().Be(Green);
        image.Rgb(pixels, 1, 4).Should().Be(Blue);
        image.Rgb(pixels, 6, 4).Should().Be(White);
    }

    [Test]
    public void Lossy_webp_decodes_to_roughly_the_same_quadrants()
    {
        using var image = ImageFixtures.Decode("quadrants_lossy.webp");
        var pixels = image.CopyPixels();

        image.Rgb(pixels, 0, 0).Should().Match<(int R, int G, int B)>(p => p.R > 200 && p.G < 60 && p.B < 60);
        image.Rgb(pixels, 7, 5).Should().Match<(int R, int G, int B)>(p => p.R > 200 && p.G > 200 && p.B > 200);
    }

    [Test]
    public void Big_endian_tiff_decodes_rows_in_order()
    {
        using var image = ImageFixtures.Decode("big_endian.tiff");
        var pixels = image.CopyPixels();

        (image.Width, image.Height).Should().Be((4, 2));
        image.Rgb(pixels, 3, 0).Should().Be(Red);
        image.Rgb(pixels, 0, 1).Should().Be(Blue);
    }

    [Test]
    public void Jpeg_with_exif_orientation_6_is_turned_upright()
    {
        // Stored 40x20 with a red block top-left; orientation 6 means "rotate 90 degrees clockwise".
        using var image = ImageFixtures.Decode("exif_orientation6.jpg");
        var pixels = image.CopyPixels();

        (image.Width, image.Height).Should().Be((20, 40));
        image.Rgb(pixels, 15, 5).Should().Match<(int R, int G, int B)>(p => p.R > 200 && p.B < 60, "the red block ends up top-right");
        image.Rgb(pixels, 5, 5).Should().Match<(int R, int G, int B)>(p => p.R < 60 && p.B > 200);
        image.Rgb(pixels, 15, 35).Should().Match<(int R, int G, int B)>(p => p.R < 60 && p.B > 200);
    }

    [Test]
    public void Cmyk_jpeg_decodes_to_plausible_rgb()
    {
        // Top half CMYK (0, 100%, 100%, 0) = red; bottom half (100%, 100%, 0, 0) = blue.
        using var image = ImageFixtures.Decode("cmyk.jpg");
        var pixels = image.CopyPixels();

        (image.Width, image.Height, image.Channels).Should().Be((16, 16, 3));
        image.Rgb(pixels, 8, 3).Should().Match<(int R, int G, int B)>(p => p.R > 200 && p.G < 60 && p.B < 60);
        image.Rgb(pixels, 8, 12).Should().Match<(int R, int G, int B)>(p => p.R < 60 && p.G < 60 && p.B > 200);
    }

    [Test]
    public void Sixteen_bit_png_keeps_the_high_byte()
    {
        using var image = ImageFixtures.Decode("gradient16.png");
        var pixels = image.CopyPixels();

        for (var x = 0; x < 64; x++)
        {
            var (r, g, b) = image.Rgb(pixels, x, 1);
            r.Should().BeCloseTo((x * 1040) >> 8, 1);
            g.Should().BeCloseTo((65535 - x * 1040) >> 8, 1);
            b.Should().BeCloseTo(0x12, 1);
        }
    }

    [Test]
    public void Grayscale_png_decodes_to_equal_rgb_channels()
    {
        using var image = ImageFixtures.Decode("gray.png");
        var pixels = image.CopyPixels();

        image.Channels.Should().Be(3);
        for (var y = 0; y < 16; y++)
            for (var x = 0; x < 16; x++)
                image.Rgb(pixels, x, y).Should().Be((16 * x + y, 16 * x + y, 16 * x + y));
    }

    [Test]
    public void Transparent_png_pixels_become_white()
    {
        using var image = ImageFixtures.Decode("rgba.png");
        var pixels = image.CopyPixels();

        image.Rgb(pixels, 0, 0).Should().Be(Red, "opaque");
        image.Rgb(pixels, 4, 1).Should().Be(White, "fully transparent black");
        image.Rgb(pixels, 7, 0).Should().Match<(int R, int G, int B)>(p => Math.Abs(p.R - 127) <= 1 && p.R == p.G && p.B == 255, "half-transparent blue over white");
    }

    [TestCase("palette_transparent.png", 0)]
    [TestCase("rgba_lossy.webp", 4)]
    [TestCase("gray_alpha.png", 4)]
    [TestCase("rgba.tiff", 4)]
    public void Transparency_in_palettes_gray_webp_and_tiff_also_becomes_white(string file, int transparentX)
    {
        using var image = ImageFixtures.Decode(file);
        var pixels = image.CopyPixels();

        image.Rgb(pixels, transparentX, 1).Should().Match<(int R, int G, int B)>(p => p.R > 240 && p.G > 240 && p.B > 240);
    }
}
