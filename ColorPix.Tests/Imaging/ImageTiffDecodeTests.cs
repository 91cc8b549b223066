using System.Buffers.Binary;
using ColorPix.Core.Imaging;

namespace ColorPix.Tests.Imaging;

/// <summary>TIFF goes through LibTiff.NET, not Skia: the variants scanners and cameras write.</summary>
public class ImageTiffDecodeTests
{
    [Test]
    public void Sixteen_bit_big_endian_rgb_keeps_the_high_byte()
    {
        using var image = ImageFixtures.Decode("rgb16_be.tiff");
        var pixels = image.CopyPixels();

        (image.Width, image.Height, image.Channels).Should().Be((4, 2, 3));
        for (var x = 0; x < 4; x++)
        {
            var expected = (20000 * x / 257, 0x1234 / 257, (65535 - 20000 * x) / 257);
            image.Rgb(pixels, x, 0).Should().Match<(int R, int G, int B)>(p =>
                Math.Abs(p.R - expected.Item1) <= 1 && Math.Abs(p.G - expected.Item2) <= 1 && Math.Abs(p.B - expected.Item3) <= 1);
            image.Rgb(pixels, 3 - x, 1).Should().Be(image.Rgb(pixels, x, 0), "the second row is the first reversed");
        }
    }

    [Test]
    public void Sixteen_bit_little_endian_gray_decodes_to_equal_channels_or_to_one()
    {
        using var rgb = ImageFixtures.Decode("gray16_le.tiff");
        using var gray = Image.Decode(ImageFixtures.Read("gray16_le.tiff"), new ImageDecodeOptions { KeepGray = true });

        (rgb.Channels, gray.Channels).Should().Be((3, 1));
        var (rgbPixels, grayPixels) = (rgb.CopyPixels(), gray.CopyPixels());
        for (var y = 0; y < 2; y++)
            for (var x = 0; x < 4; x++)
            {
                var expected = (16384 * x + 1000 * y) / 257;
                ((int)grayPixels[y * 4 + x]).Should().BeCloseTo(expected, 1);
                rgb.Rgb(rgbPixels, x, y).Should().Be((grayPixels[y * 4 + x], grayPixels[y * 4 + x], grayPixels[y * 4 + x]));
            }
    }

    [Test]
    public void Tiled_tiff_is_assembled_including_the_partial_edge_tiles()
    {
        // 20x12 quadrants in 16x16 tiles: red, green / blue, white.
        using var image = ImageFixtures.Decode("tiled.tiff");
        var pixels = image.CopyPixels();

        (image.Width, image.Height).Should().Be((20, 12));
        image.Rgb(pixels, 0, 0).Should().Be((255, 0, 0));
        image.Rgb(pixels, 19, 0).Should().Be((0, 255, 0), "inside the right-hand tile, which is mostly padding");
        image.Rgb(pixels, 0, 11).Should().Be((0, 0, 255));
        image.Rgb(pixels, 19, 11).Should().Be((255, 255, 255));
        image.Rgb(pixels, 9, 5).Should().Be((255, 0, 0));
        image.Rgb(pixels, 10, 6).Should().Be((255, 255, 255));
    }

    [Test]
    public void Cmyk_tiff_decodes_to_plausible_rgb()
    {
        // Top half CMYK (0, 100%, 100%, 0) = red; bottom half (100%, 100%, 0, 0) = blue.
        using var image = ImageFixtures.Decode("cmyk.tiff");
        var pixels = image.CopyPixels();

        (image.Width, image.Height, image.Channels).Should().Be((16, 16, 3));
        image.Rgb(pixels, 8, 3).Should().Match<(int R, int G, int B)>(p => p.R > 200 && p.G < 60 && p.B < 60);
        image.Rgb(pixels, 8, 12).Should().Match<(int R, int G, int B)>(p => p.R < 60 && p.G < 60 && p.B > 200);
    }

    [Test]
    public void A_strip_running_past_the_end_of_the_file_is_truncation()
    {
        // The directory survives, but its strip would end beyond the file, as in an upload cut short of its pixels.
        var bytes = ImageFixtures.Read("rgb16_be.tiff");
        var directory = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(4));
        var entries = BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(directory));
        var stripByteCounts = Enumerable.Range(0, entries).Select(i => directory + 2 + 12 * i)
            .Single(entry => BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(entry)) == 279);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(stripByteCounts + 8), bytes.Length);

        FluentActions.Invoking(() => Image.Decode(bytes))
            .Should().Throw<CorruptImageException>().WithMessage("truncated TIFF image: the file ends before its image data does");
    }
}
