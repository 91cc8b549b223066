using ColorPix.Core.Imaging;

namespace ColorPix.Tests.Imaging;

public class ImageDecodeRefusalTests
{
    private static readonly string[] ValidFiles =
    [
        "exif_orientation6.jpg", "cmyk.jpg", "full.jpg", "gradient16.png", "gray.png", "rgba.png", "gray_alpha.png",
        "palette.png", "palette_transparent.png", "quadrants.webp", "quadrants_lossy.webp", "rgba_lossy.webp",
        "quadrants.bmp", "quadrants.tiff", "rgba.tiff", "big_endian.tiff", "rgb16_be.tiff", "gray16_le.tiff", "tiled.tiff",
        "palette.tiff", "cmyk.tiff", "gray.jpg", "display_p3.png", "display_p3.jpg", "display_p3.tiff", "gray_gamma18.jpg",
        "exif_orientation6.webp",
    ];

    [Test, SetCulture("de-DE")] // the message goes to users and logs: same digits whatever the server culture
    public void Png_declaring_50000x50000_is_refused_before_decoding()
    {
        var bytes = ImageFixtures.Read("bomb_50000x50000.png");
        var liveImages = Image.LiveCount;
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();

        var refusal = FluentActions.Invoking(() => Image.Decode(bytes)).Should().Throw<ImageTooLargeException>().Which;

        // Decoding would need 7.5 GB; the refusal costs only the exception itself.
        (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore).Should().BeLessThan(256 * 1024);
        Image.LiveCount.Should().Be(liveImages);
        (refusal.Width, refusal.Height, refusal.MaxPixels).Should().Be((50000, 50000, 40_000_000));
        refusal.Message.Should().Contain("50000x50000").And.Contain("40,000,000");
    }

    [Test]
    public void Max_pixels_option_lowers_the_cap()
    {
        var bytes = ImageFixtures.Read("gray.png"); // 16x16 = 256 pixels
        FluentActions.Invoking(() => Image.Decode(bytes, new ImageDecodeOptions { MaxPixels = 255 }))
            .Should().Throw<ImageTooLargeException>().WithMessage("image is 16x16 = 256 pixels, over the limit of 255 pixels");
        using var image = Image.Decode(bytes, new ImageDecodeOptions { MaxPixels = 256 });
        image.Width.Should().Be(16);
    }

    [Test]
    public void Truncated_jpeg_is_refused_although_the_decoder_would_fill_it_with_gray() =>
        FluentActions.Invoking(() => ImageFixtures.Decode("truncated.jpg"))
            .Should().Throw<ImageFormatException>().WithMessage("truncated JPEG image*");

    [TestCaseSource(nameof(ValidFiles))]
    public void Any_file_cut_in_half_is_refused(string file)
    {
        var bytes = ImageFixtures.Read(file);
        FluentActions.Invoking(() => Image.Decode(bytes.AsSpan(0, bytes.Length / 2)))
            .Should().Throw<ImageFormatException>().WithMessage("*truncated*");
    }

    [Test]
    public void Text_file_is_not_an_image() =>
        FluentActions.Invoking(() => ImageFixtures.Decode("not_an_image.txt"))
            .Should().Throw<ImageFormatException>().WithMessage("not an image: unrecognised format*");

    [Test]
    public void Random_and_mutated_bytes_only_ever_raise_image_format_errors()
    {
        var random = new Random(1234);
        var options = new ImageDecodeOptions { MaxPixels = 1_000_000 }; // mutated headers may declare big sizes
        var liveImages = Image.LiveCount;
        var outcomes = new Dictionary<string, int>();

        foreach (var buffer in FuzzBuffers(random))
        {
            try
            {
                ImageProbe.Probe(buffer);
                using var image = Image.Decode(buffer, options);
                outcomes["decoded"] = outcomes.GetValueOrDefault("decoded") + 1;
            }
            catch (ImageFormatException e)
            {
                outcomes[e.GetType().Name] = outcomes.GetValueOrDefault(e.GetType().Name) + 1;
            }
        }

        TestContext.Out.WriteLine(string.Join(", ", outcomes.Select(o => $"{o.Key}: {o.Value}")));
        var refused = outcomes.GetValueOrDefault(nameof(UnsupportedImageException)) + outcomes.GetValueOrDefault(nameof(CorruptImageException));
        refused.Should().BeGreaterThan(500, "most garbage must be refused");
        outcomes.Should().NotContainKey(nameof(ImageFormatException), "every refusal says whether the file is unsupported (415) or corrupt (422)");
        Image.LiveCount.Should().Be(liveImages);
    }

    /// <summary>Pure noise, noise behind each format's magic bytes, and valid files with bytes flipped or cut.</summary>
    private static IEnumerable<byte[]> FuzzBuffers(Random random)
    {
        byte[][] magics = [[0xFF, 0xD8, 0xFF], [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "RIFF\0\0\0\0WEBPVP8L"u8.ToArray(),
            "BM"u8.ToArray(), "II*\0"u8.ToArray(), "MM\0*"u8.ToArray()];
        for (var i = 0; i < 60; i++) yield return Noise(random, random.Next(0, 200));
        foreach (var magic in magics)
            for (var i = 0; i < 20; i++) yield return [.. magic, .. Noise(random, random.Next(0, 300))];
        foreach (var file in ValidFiles)
        {
            var original = ImageFixtures.Read(file);
            for (var i = 0; i < 50; i++)
            {
                var mutated = original[..random.Next(1, original.Length + 1)];
                for (var flips = random.Next(1, 6); flips > 0; flips--) mutated[random.Next(mutated.Length)] = (byte)random.Next(256);
                yield return mutated;
            }
        }
    }

    private static byte[] Noise(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
