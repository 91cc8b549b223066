using ColorPix.Core.Imaging;

namespace ColorPix.Tests.Imaging;

public class ImageProbeTests
{
    private static readonly object[] Headers =
    [
        new object[] { "exif_orientation6.jpg", new ImageInfo(ImageFormat.Jpeg, 40, 20, 3, false) },
        new object[] { "cmyk.jpg", new ImageInfo(ImageFormat.Jpeg, 16, 16, 4, false) },
        new object[] { "gradient16.png", new ImageInfo(ImageFormat.Png, 64, 2, 3, false) },
        new object[] { "gray.png", new ImageInfo(ImageFormat.Png, 16, 16, 1, false) },
        new object[] { "rgba.png", new ImageInfo(ImageFormat.Png, 8, 2, 4, true) },
        new object[] { "gray_alpha.png", new ImageInfo(ImageFormat.Png, 8, 2, 2, true) },
        new object[] { "rgba.tiff", new ImageInfo(ImageFormat.Tiff, 8, 2, 4, true) },
        new object[] { "palette.png", new ImageInfo(ImageFormat.Png, 8, 6, 3, false) },
        new object[] { "palette_transparent.png", new ImageInfo(ImageFormat.Png, 4, 2, 4, true) },
        new object[] { "quadrants.webp", new ImageInfo(ImageFormat.WebP, 8, 6, 3, false) },
        new object[] { "quadrants_lossy.webp", new ImageInfo(ImageFormat.WebP, 8, 6, 3, false) },
        new object[] { "rgba_lossy.webp", new ImageInfo(ImageFormat.WebP, 8, 2, 4, true) },
        new object[] { "quadrants.bmp", new ImageInfo(ImageFormat.Bmp, 8, 6, 3, false) },
        new object[] { "quadrants.tiff", new ImageInfo(ImageFormat.Tiff, 8, 6, 3, false) },
        new object[] { "big_endian.tiff", new ImageInfo(ImageFormat.Tiff, 4, 2, 3, false) },
        new object[] { "bomb_50000x50000.png", new ImageInfo(ImageFormat.Png, 50000, 50000, 3, false) },
    ];

    [TestCaseSource(nameof(Headers))]
    public void Probe_reads_format_size_channels_and_alpha_from_the_header(string file, ImageInfo expected) =>
        ImageProbe.Probe(ImageFixtures.Read(file)).Should().Be(expected);

    [Test]
    public void Probe_of_a_text_file_says_it_is_not_an_image() =>
        FluentActions.Invoking(() => ImageProbe.Probe(ImageFixtures.Read("not_an_image.txt")))
            .Should().Throw<ImageFormatException>().WithMessage("not an image: unrecognised format*");

    [Test]
    public void Probe_of_an_empty_buffer_says_it_is_not_an_image() =>
        FluentActions.Invoking(() => ImageProbe.Probe([])).Should().Throw<ImageFormatException>();

    [TestCase("gray.png", 20)]
    [TestCase("exif_orientation6.jpg", 30)]
    [TestCase("quadrants.webp", 22)]
    [TestCase("quadrants.bmp", 20)]
    [TestCase("quadrants.tiff", 100)]
    public void Probe_of_a_header_cut_short_reports_truncation(string file, int keep) =>
        FluentActions.Invoking(() => ImageProbe.Probe(ImageFixtures.Read(file).AsSpan(0, keep)))
            .Should().Throw<ImageFormatException>().WithMessage("truncated * header");

    [Test]
    public void Jpeg_probe_skips_app_segments_before_the_frame_header()
    {
        // SOI, an APP1 of 100 junk bytes (which even contain an SOF0-looking pair), then SOF0 for 7x5, 1 component.
        byte[] app1 = [0xFF, 0xE1, 0, 102, .. Enumerable.Repeat((byte)0xC0, 100)];
        byte[] sof0 = [0xFF, 0xC0, 0, 11, 8, 0, 5, 0, 7, 1, 1, 0x11, 0];
        ImageProbe.Probe([0xFF, 0xD8, .. app1, 0xFF, 0xFF, .. sof0])
            .Should().Be(new ImageInfo(ImageFormat.Jpeg, 7, 5, 1, false));
    }

    [Test]
    public void Png_declaring_a_zero_width_is_corrupt()
    {
        var bytes = ImageFixtures.Read("gray.png");
        bytes[16] = bytes[17] = bytes[18] = bytes[19] = 0;
        FluentActions.Invoking(() => ImageProbe.Probe(bytes)).Should().Throw<ImageFormatException>().WithMessage("*invalid size 0x16*");
    }

    // A chunk length of 2^32 - 12 once wrapped the walk's offset back to the same chunk: the probe fuzz target's one hang.
    private static readonly byte[] WrappingLength = [0xFF, 0xFF, 0xFF, 0xF4];

    [Test]
    public void Png_chunk_length_that_wraps_to_the_same_chunk_is_truncated_not_walked_forever()
    {
        var bytes = ImageFixtures.Read("gray.png");
        WrappingLength.CopyTo(bytes, 8); // the IHDR chunk's length
        FluentActions.Invoking(() => ImageProbe.Probe(bytes)).Should().Throw<CorruptImageException>().WithMessage("truncated PNG header");
    }

    [Test]
    public void Png_chunk_after_the_data_whose_length_wraps_is_truncated_not_walked_forever()
    {
        var png = ImageFixtures.Read("gray.png");
        var iend = png.Length - 12;
        byte[] bytes = [.. png[..iend], .. WrappingLength, .. "tEXt"u8, .. png[iend..]]; // past IDAT: only the completeness check walks it
        FluentActions.Invoking(() => Image.Decode(bytes)).Should().Throw<CorruptImageException>().WithMessage("truncated PNG image*");
    }
}
