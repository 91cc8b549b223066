using System.Runtime.CompilerServices;
using ColorPix.Core.Imaging;

namespace ColorPix.Tests.Imaging;

/// <summary>Rows without copies, images filled row by row, gray kept gray, and the RGBX padding byte.</summary>
public class ImagePixelAccessTests
{
    private static readonly string[] DecodableFiles =
    [
        "exif_orientation6.jpg", "exif_orientation6.webp", "cmyk.jpg", "gradient16.png", "gray.png", "gray.jpg", "rgba.png",
        "gray_alpha.png", "palette_transparent.png", "rgba_lossy.webp", "quadrants.bmp", "rgba.tiff", "tiled.tiff", "cmyk.tiff",
        "rgb16_be.tiff", "display_p3.png", "display_p3.tiff",
    ];

    [Test]
    public void An_allocated_image_is_black_and_can_be_filled_row_by_row_then_encoded()
    {
        using var image = Image.Allocate(5, 3);
        image.CopyPixels().Should().AllBeEquivalentTo((byte)0);
        AssertPadding(image);

        for (var y = 0; y < 3; y++)
        {
            var row = image.WritableRow(y);
            row.Length.Should().Be(5 * 4);
            for (var x = 0; x < 5; x++) (row[4 * x], row[4 * x + 1], row[4 * x + 2]) = ((byte)(50 * x), (byte)(100 * y), 7);
        }
        using var decoded = Image.Decode(image.Encode(ImageFormat.Png));

        var pixels = decoded.CopyPixels();
        for (var y = 0; y < 3; y++)
            for (var x = 0; x < 5; x++) decoded.Rgb(pixels, x, y).Should().Be((50 * x, 100 * y, 7));
    }

    [Test]
    public void Colour_rows_are_rgbx_and_gray_rows_one_byte_per_pixel()
    {
        using var rgb = Image.FromPixels([1, 2, 3, 4, 5, 6], 2, 1, 3);
        using var gray = Image.FromPixels([9, 8], 2, 1, 1);

        (rgb.BytesPerPixel, gray.BytesPerPixel).Should().Be((4, 1));
        rgb.Row(0).ToArray().Should().Equal(1, 2, 3, 255, 4, 5, 6, 255);
        gray.Row(0).ToArray().Should().Equal(9, 8);
    }

    [TestCaseSource(nameof(DecodableFiles))]
    public void Decoded_colour_rows_keep_the_padding_byte_at_255(string file)
    {
        using var image = ImageFixtures.Decode(file);
        AssertPadding(image);
    }

    [TestCase(Interpolation.Nearest)]
    [TestCase(Interpolation.Bilinear)]
    [TestCase(Interpolation.Bicubic)]
    [TestCase(Interpolation.Area)]
    public void Resizing_keeps_the_padding_byte_at_255(Interpolation interpolation)
    {
        using var image = TestImages.Asymmetric(37, 23, block: 5);
        using var smaller = image.Resize(18, 11, interpolation);
        using var larger = image.Resize(50, 31, interpolation);
        AssertPadding(smaller);
        AssertPadding(larger);
    }

    [Test]
    public void A_padding_byte_written_as_zero_changes_nothing()
    {
        using var image = TestImages.Asymmetric(20, 10, block: 3);
        using var zeroed = Image.FromPixels(image.CopyPixels(), 20, 10, 3);
        for (var y = 0; y < 10; y++)
            for (var x = 0; x < 20; x++) zeroed.WritableRow(y)[4 * x + 3] = 0;

        zeroed.Encode(ImageFormat.Png).Should().Equal(image.Encode(ImageFormat.Png));
        zeroed.Encode(ImageFormat.Jpeg).Should().Equal(image.Encode(ImageFormat.Jpeg));
        foreach (var interpolation in Enum.GetValues<Interpolation>())
        {
            using var expected = image.Resize(13, 7, interpolation);
            using var actual = zeroed.Resize(13, 7, interpolation);
            actual.CopyPixels().Should().Equal(expected.CopyPixels(), interpolation.ToString());
            AssertPadding(actual);
        }
    }

    [Test]
    public void Rows_outside_the_image_or_after_dispose_are_refused()
    {
        var image = Image.Allocate(4, 2, channels: 1);
        FluentActions.Invoking(() => image.Row(2).Length).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => image.Row(-1).Length).Should().Throw<ArgumentOutOfRangeException>();
        image.Dispose();
        FluentActions.Invoking(() => image.Row(0).Length).Should().Throw<ObjectDisposedException>();
        image.Dispose(); // twice is harmless
    }

    [TestCase("gray.png")]
    [TestCase("gray.jpg")]
    public void Keep_gray_decodes_gray_files_to_one_channel(string file)
    {
        using var gray = Image.Decode(ImageFixtures.Read(file), new ImageDecodeOptions { KeepGray = true });
        using var rgb = ImageFixtures.Decode(file);

        (gray.Channels, gray.BytesPerPixel, rgb.Channels).Should().Be((1, 1, 3));
        var (grayPixels, rgbPixels) = (gray.CopyPixels(), rgb.CopyPixels());
        for (var i = 0; i < grayPixels.Length; i++)
            rgb.Rgb(rgbPixels, i % 16, i / 16).Should().Be((grayPixels[i], grayPixels[i], grayPixels[i]), "the RGB decode repeats the gray value");
        if (file == "gray.png") grayPixels[5 * 16 + 3].Should().Be(16 * 3 + 5);
    }

    [TestCase("full.jpg")]
    [TestCase("gray_alpha.png")] // composited over white, it is no longer the file's gray
    public void Keep_gray_leaves_colour_and_transparent_files_rgb(string file)
    {
        using var image = Image.Decode(ImageFixtures.Read(file), new ImageDecodeOptions { KeepGray = true });
        image.Channels.Should().Be(3);
    }

    [Test]
    public void A_gray_image_encodes_as_a_one_component_jpeg()
    {
        using var gray = Image.Decode(ImageFixtures.Read("gray.jpg"), new ImageDecodeOptions { KeepGray = true });
        ImageProbe.Probe(gray.Encode(ImageFormat.Jpeg)).Channels.Should().Be(1);
    }

    [Test]
    public void Encoding_to_a_stream_writes_the_same_file()
    {
        using var image = TestImages.Asymmetric(30, 20, block: 4);
        using var stream = new MemoryStream();
        image.Encode(stream, ImageFormat.Jpeg, 80);
        stream.ToArray().Should().Equal(image.Encode(ImageFormat.Jpeg, 80));
    }

    [Test]
    public void Area_weighs_the_pixels_cut_by_an_output_pixel_edge()
    {
        // 3 -> 2: output 0 covers input 0 and half of input 1; output 1 the other half and input 2.
        using var image = Image.FromPixels([0, 90, 180], 3, 1, 1);
        using var shrunk = image.Resize(2, 1, Interpolation.Area);
        shrunk.CopyPixels().Should().Equal(30, 150);
    }

    [Test]
    public void Bicubic_enlarging_keeps_a_flat_image_flat()
    {
        using var flat = Image.FromPixels(Enumerable.Repeat((byte)77, 4 * 3 * 3).ToArray(), 4, 3, 3);
        using var larger = flat.Resize(9, 7);
        larger.CopyPixels().Should().AllBeEquivalentTo((byte)77);
    }

    [Test]
    public void Every_decode_path_frees_what_it_allocates()
    {
        var baseline = Image.LiveCount;
        foreach (var file in DecodableFiles)
        {
            using var full = ImageFixtures.Decode(file);
            using var reduced = Image.Decode(ImageFixtures.Read(file), new ImageDecodeOptions { MinSide = 1, KeepGray = true });
        }
        using (var picture = TestImages.Quadrants(64, 48))
        using (Image.Decode(TestImages.WithExifOrientation(picture.Encode(ImageFormat.Jpeg), 8), new ImageDecodeOptions { MinSide = 6 })) { }

        Image.LiveCount.Should().Be(baseline);
    }

    [Test]
    public void An_image_nobody_disposed_stops_counting_once_collected()
    {
        var baseline = Image.LiveCount;
        AllocateAndDrop();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        Image.LiveCount.Should().Be(baseline);
    }

    [MethodImpl(MethodImplOptions.NoInlining)] // so that no local of the test keeps the image reachable
    private static void AllocateAndDrop() => Image.Allocate(100, 100).Width.Should().Be(100);

    private static void AssertPadding(Image image)
    {
        if (image.Channels == 1) return;
        for (var y = 0; y < image.Height; y++)
        {
            var row = image.Row(y);
            for (var x = 0; x < image.Width; x++) row[4 * x + 3].Should().Be(255, $"padding of pixel ({x}, {y}) of {image}");
        }
    }
}
