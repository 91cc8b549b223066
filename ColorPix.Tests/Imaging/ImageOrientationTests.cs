using ColorPix.Core.Imaging;

namespace ColorPix.Tests.Imaging;

/// <summary>EXIF orientation, all eight of them, at full and reduced size. The same JPEG is decoded with and
/// without the orientation tag, so the pixels must match exactly once moved.</summary>
public class ImageOrientationTests
{
    private static readonly int[] Orientations = [1, 2, 3, 4, 5, 6, 7, 8];

    [TestCaseSource(nameof(Orientations))]
    public void Jpeg_is_turned_upright(int orientation) => AssertTurnedUpright(orientation, minSide: null, 56, 24);

    [TestCaseSource(nameof(Orientations))]
    public void Reduced_jpeg_is_turned_upright_like_the_full_one(int orientation) => AssertTurnedUpright(orientation, minSide: 30, 480, 240);

    [Test]
    public void Webp_with_exif_orientation_6_is_turned_upright()
    {
        // Same picture as exif_orientation6.jpg, lossless: exact colours.
        using var image = ImageFixtures.Decode("exif_orientation6.webp");
        var pixels = image.CopyPixels();

        (image.Width, image.Height).Should().Be((20, 40));
        image.Rgb(pixels, 15, 5).Should().Be((255, 0, 0), "the red block ends up top-right");
        image.Rgb(pixels, 5, 5).Should().Be((0, 0, 255));
        image.Rgb(pixels, 15, 35).Should().Be((0, 0, 255));
    }

    private static void AssertTurnedUpright(int orientation, int? minSide, int width, int height)
    {
        using var picture = TestImages.Asymmetric(width, height, block: 8);
        var jpeg = picture.Encode(ImageFormat.Jpeg, 90);
        var options = new ImageDecodeOptions { MinSide = minSide };
        using var stored = Image.Decode(jpeg, options);
        using var upright = Image.Decode(TestImages.WithExifOrientation(jpeg, orientation), options);

        var (storedPixels, uprightPixels) = (stored.CopyPixels(), upright.CopyPixels());
        (upright.Width, upright.Height).Should().Be(orientation >= 5 ? (stored.Height, stored.Width) : (stored.Width, stored.Height));
        for (var y = 0; y < upright.Height; y++)
            for (var x = 0; x < upright.Width; x++)
            {
                var (sx, sy) = TestImages.StoredPosition(orientation, x, y, stored.Width, stored.Height);
                upright.Rgb(uprightPixels, x, y).Should().Be(stored.Rgb(storedPixels, sx, sy), $"upright ({x}, {y}) is stored ({sx}, {sy})");
            }
    }
}
