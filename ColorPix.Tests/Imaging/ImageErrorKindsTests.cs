using ColorPix.Core.Imaging;

namespace ColorPix.Tests.Imaging;

/// <summary>The service answers 415 for what is not an image and 422 for a broken image: the exception type tells which.</summary>
public class ImageErrorKindsTests
{
    private static byte[] Fixture(string name) => File.ReadAllBytes(Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", "images", name));

    [Test]
    public void A_text_file_is_unsupported()
    {
        var act = () => Image.Decode("just some text, not a picture"u8.ToArray());
        act.Should().Throw<UnsupportedImageException>();
    }

    [Test]
    public void A_truncated_jpeg_is_corrupt()
    {
        var act = () => Image.Decode(Fixture("truncated.jpg"));
        act.Should().Throw<CorruptImageException>().WithMessage("*truncated*");
    }

    [Test]
    public void A_cut_header_is_corrupt_not_unsupported()
    {
        var png = Fixture("gray.png");
        var act = () => ImageProbe.Probe(png.AsSpan(0, 20));
        act.Should().Throw<CorruptImageException>();
    }
}
