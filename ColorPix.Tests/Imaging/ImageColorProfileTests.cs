using ColorPix.Core.Imaging;

namespace ColorPix.Tests.Imaging;

/// <summary>Pixels come out in sRGB whatever profile the file embeds: the models were trained on sRGB photos.</summary>
public class ImageColorProfileTests
{
    // make_fixtures.py, 16x8: left half Display P3 (200, 120, 60), right half P3 mid gray. In sRGB, according to
    // littleCMS (an implementation independent of Skia's skcms), the orange is (213, 115, 42).
    private static readonly (int R, int G, int B) StoredP3Orange = (200, 120, 60), SrgbOrange = (213, 115, 42);

    [TestCase("display_p3.png", 1)]
    [TestCase("display_p3.jpg", 2)] // lossy, even at quality 95 without chroma subsampling
    [TestCase("display_p3.tiff", 1)]
    public void Display_p3_orange_is_converted_to_srgb_not_passed_through(string file, int tolerance)
    {
        using var image = ImageFixtures.Decode(file);
        var orange = image.Rgb(image.CopyPixels(), 1, 1);

        Distance(orange, SrgbOrange).Should().BeLessThanOrEqualTo(tolerance, $"decoded {orange}");
        Distance(orange, StoredP3Orange).Should().BeGreaterThan(10, "the stored P3 values would mean the profile was ignored");
    }

    [TestCase("display_p3.png")]
    [TestCase("display_p3.jpg")]
    [TestCase("display_p3.tiff")]
    public void Display_p3_gray_stays_neutral(string file)
    {
        using var image = ImageFixtures.Decode(file);
        var gray = image.Rgb(image.CopyPixels(), 12, 1);

        Distance(gray, (128, 128, 128)).Should().BeLessThanOrEqualTo(1, $"both spaces share the D65 white and the sRGB curve, decoded {gray}");
    }

    [TestCase(false, 3)]
    [TestCase(true, 1)]
    public void A_gray_profile_is_converted_whether_or_not_gray_is_kept(bool keepGray, int channels)
    {
        using var image = Image.Decode(ImageFixtures.Read("gray_gamma18.jpg"), new ImageDecodeOptions { KeepGray = keepGray });

        image.Channels.Should().Be(channels);
        image.CopyPixels().Should().OnlyContain(v => Math.Abs(v - 119) <= 1, "gray 100 under gamma 1.8 is sRGB 119 (littleCMS); unconverted it stays 100");
    }

    [Test]
    public void A_profile_survives_reduced_decoding()
    {
        using var image = Image.Decode(ImageFixtures.Read("display_p3.jpg"), new ImageDecodeOptions { MinSide = 1 });
        var orange = image.Rgb(image.CopyPixels(), 0, 0);

        (image.Width, image.Height).Should().Be((2, 1), "1/8 of 16x8");
        Distance(orange, SrgbOrange).Should().BeLessThanOrEqualTo(3, $"decoded {orange}");
    }

    private static int Distance((int R, int G, int B) a, (int R, int G, int B) b) =>
        Math.Max(Math.Abs(a.R - b.R), Math.Max(Math.Abs(a.G - b.G), Math.Abs(a.B - b.B)));
}
