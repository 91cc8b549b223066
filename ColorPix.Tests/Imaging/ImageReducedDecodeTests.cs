using ColorPix.Core.Imaging;

namespace ColorPix.Tests.Imaging;

/// <summary>ImageDecodeOptions.MinSide: JPEG shrinks inside the decoder (1/2, 1/4, 1/8), other formats after it.</summary>
public class ImageReducedDecodeTests
{
    [Test]
    public void A_7200x5400_jpeg_decodes_at_900x675_without_a_full_size_buffer()
    {
        byte[] jpeg;
        using (var scan = TestImages.Quadrants(7200, 5400)) jpeg = scan.Encode(ImageFormat.Jpeg, 90);
        var allocatedBefore = Image.AllocatedBytes;

        using var image = Image.Decode(jpeg, new ImageDecodeOptions { MinSide = 675 });

        (image.Width, image.Height, image.Channels).Should().Be((900, 675, 3));
        (Image.AllocatedBytes - allocatedBefore).Should().Be(900 * 675 * 4, "the 1/8 image is the only pixel buffer: a full decode would take 155 MB");
        AssertQuadrants(image);
    }

    // Sizes rounded up, as libjpeg scales: 1001 / 8 -> 126.
    [TestCase(75, 126, 76)]
    [TestCase(76, 126, 76)]
    [TestCase(77, 251, 151)]
    [TestCase(151, 251, 151)]
    [TestCase(152, 501, 301)]
    [TestCase(301, 501, 301)]
    [TestCase(302, 1001, 601)]
    [TestCase(5000, 1001, 601)]
    public void Min_side_takes_the_largest_reduction_that_keeps_the_shorter_side(int minSide, int width, int height)
    {
        using var picture = TestImages.Quadrants(1001, 601);
        var options = new ImageDecodeOptions { MinSide = minSide };
        using var jpeg = Image.Decode(picture.Encode(ImageFormat.Jpeg, 90), options);
        using var png = Image.Decode(picture.Encode(ImageFormat.Png), options);

        (jpeg.Width, jpeg.Height).Should().Be((width, height));
        (png.Width, png.Height).Should().Be((width, height), "a PNG is shrunk after decoding, to the same size");
        AssertQuadrants(jpeg);
        AssertQuadrants(png);
    }

    [Test]
    public void Reduced_png_is_area_averaged()
    {
        // 1-pixel checkerboard 0 / 200: any sampling would give 0 or 200, averaging gives 100.
        var checker = Enumerable.Range(0, 64 * 64).Select(i => (byte)((i % 64 + i / 64) % 2 * 200)).ToArray();
        using var board = Image.FromPixels(checker, 64, 64, 1);

        using var reduced = Image.Decode(board.Encode(ImageFormat.Png), new ImageDecodeOptions { MinSide = 8 });

        (reduced.Width, reduced.Height).Should().Be((8, 8));
        reduced.CopyPixels().Should().AllBeEquivalentTo((byte)100);
    }

    [Test]
    public void Reduced_exif_rotated_jpeg_is_upright_at_the_reduced_size()
    {
        using var picture = TestImages.Quadrants(800, 480);
        var jpeg = TestImages.WithExifOrientation(picture.Encode(ImageFormat.Jpeg, 90), 6);

        using var image = Image.Decode(jpeg, new ImageDecodeOptions { MinSide = 60 });

        (image.Width, image.Height).Should().Be((60, 100), "1/8 of 800x480, turned a quarter");
        var pixels = image.CopyPixels();
        // Turned clockwise: the stored top-left (red) is now top-right, the stored bottom-left (blue) top-left.
        image.Rgb(pixels, 45, 25).Should().Match<(int R, int G, int B)>(p => p.R > 230 && p.G < 30 && p.B < 30);
        image.Rgb(pixels, 15, 25).Should().Match<(int R, int G, int B)>(p => p.R < 30 && p.G < 30 && p.B > 230);
    }

    [Test]
    public void Min_side_must_be_positive() =>
        FluentActions.Invoking(() => Image.Decode(ImageFixtures.Read("gray.png"), new ImageDecodeOptions { MinSide = 0 }))
            .Should().Throw<ArgumentOutOfRangeException>();

    [Test]
    public void The_pixel_cap_applies_to_the_stored_size_even_when_decoding_smaller() =>
        FluentActions.Invoking(() => Image.Decode(ImageFixtures.Read("full.jpg"), new ImageDecodeOptions { MinSide = 4, MaxPixels = 1000 }))
            .Should().Throw<ImageTooLargeException>().Which.Width.Should().Be(32);

    /// <summary>The centre of each quadrant has its colour (within JPEG error).</summary>
    private static void AssertQuadrants(Image image)
    {
        var pixels = image.CopyPixels();
        var (w, h) = (image.Width, image.Height);
        (int X, int Y)[] centres = [(w / 4, h / 4), (3 * w / 4, h / 4), (w / 4, 3 * h / 4), (3 * w / 4, 3 * h / 4)];
        for (var q = 0; q < 4; q++)
        {
            var (actual, expected) = (image.Rgb(pixels, centres[q].X, centres[q].Y), TestImages.QuadrantColors[q]);
            Math.Max(Math.Abs(actual.R - expected.R), Math.Max(Math.Abs(actual.G - expected.G), Math.Abs(actual.B - expected.B)))
                .Should().BeLessThan(12, $"quadrant {q} at {centres[q]} is {actual}, expected {expected}");
        }
    }
}
