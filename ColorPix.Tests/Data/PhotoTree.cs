using ColorPix.Core.Data;
using ColorPix.Core.Imaging;

namespace ColorPix.Tests.Data;

/// <summary>A temporary repository (with a ColorPix.sln marker) holding a small tree of generated photos.</summary>
public sealed class PhotoTree : IDisposable
{
    public string RepoRoot { get; } = Directory.CreateTempSubdirectory("colorpix-data-").FullName;
    public string Images => Path.Combine(RepoRoot, "images");

    public PhotoTree() => File.WriteAllText(Path.Combine(RepoRoot, "ColorPix.sln"), "");

    public string ManifestPath(string name = "test") => RepoPaths.ManifestPath(RepoRoot, name);

    /// <summary>A colourful image whose pixels follow from <paramref name="seed"/>, so each file is distinct.</summary>
    public string Color(string relativePath, int seed = 0, int width = 24, int height = 16, ImageFormat format = ImageFormat.Png)
    {
        var pixels = new byte[width * height * 3];
        new Random(seed).NextBytes(pixels);
        return Write(relativePath, pixels, width, height, 3, format);
    }

    /// <summary>Gray at the source: one channel, or three equal channels (as some MSCOCO JPEGs are).</summary>
    public string Gray(string relativePath, bool threeChannels, ImageFormat format = ImageFormat.Png)
    {
        var levels = Enumerable.Range(0, 16 * 16).Select(i => (byte)(i % 256)).ToArray();
        var pixels = threeChannels ? levels.SelectMany(v => new[] { v, v, v }).ToArray() : levels;
        return Write(relativePath, pixels, 16, 16, threeChannels ? 3 : 1, format);
    }

    public string Corrupt(string relativePath) => WriteBytes(relativePath, "not an image at all"u8.ToArray());

    public string Write(string relativePath, byte[] pixels, int width, int height, int channels, ImageFormat format = ImageFormat.Png)
    {
        using var image = Image.FromPixels(pixels, width, height, channels);
        return WriteBytes(relativePath, image.Encode(format, quality: 95));
    }

    public string WriteBytes(string relativePath, byte[] bytes)
    {
        var path = Path.Combine(Images, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>Numbered colour photos photo00.png, photo01.png, ... under <paramref name="folder"/>.</summary>
    public void Photos(int count, string folder = "", int firstSeed = 0)
    {
        for (var i = 0; i < count; i++) Color(Path.Combine(folder, $"photo{firstSeed + i:D2}.png"), seed: firstSeed + i);
    }

    public DatasetManifest Build(string name = "test", ManifestOptions? options = null)
    {
        var manifest = ManifestBuilder.Build(name, Images, RepoRoot, options);
        manifest.Save(ManifestPath(name));
        return manifest;
    }

    public void Dispose() => Directory.Delete(RepoRoot, recursive: true);
}
