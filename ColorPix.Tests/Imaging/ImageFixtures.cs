using ColorPix.Core.Imaging;

namespace ColorPix.Tests.Imaging;

/// <summary>The files written by Fixtures/images/make_fixtures.py, and pixel helpers for asserting on them.</summary>
internal static class ImageFixtures
{
    public static byte[] Read(string name) =>
        File.ReadAllBytes(Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", "images", name));

    public static Image Decode(string name) => Image.Decode(Read(name));

    /// <summary>An input a fuzz target found (Fixtures/fuzz, as AFL wrote it), kept because it once made a decoder fail.</summary>
    public static byte[] ReadFuzzFinding(string name) =>
        File.ReadAllBytes(Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", "fuzz", name));

    /// <summary>The RGB value at (x, y) of a decoded image.</summary>
    public static (int R, int G, int B) Rgb(this Image image, byte[] pixels, int x, int y)
    {
        var i = (y * image.Width + x) * image.Channels;
        return (pixels[i], pixels[i + 1], pixels[i + 2]);
    }
}
