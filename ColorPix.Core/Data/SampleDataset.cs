using ColorPix.Core.Imaging;

namespace ColorPix.Core.Data;

/// <summary>
/// Builds data/sample/, the small dataset a fresh clone trains on: the photos of <see cref="SampleCatalog"/>,
/// downscaled and re-encoded so the repository stays small, with their manifest data/splits/sample.json.
/// </summary>
public static class SampleDataset
{
    public const string Name = "sample";

    /// <summary>Longest side of a stored photo: training crops are 256 px or less, so more would only weigh.</summary>
    public const int MaxSide = 640;
    public const int JpegQuality = 92;

    /// <summary>Copies the photos into <paramref name="destination"/>/&lt;source&gt;/&lt;name&gt;.jpg; returns how many
    /// were written. Grayscale or unreadable photos are reported and left out.</summary>
    public static int CopyPhotos(IEnumerable<SamplePhoto> photos, string destination, TextWriter output)
    {
        var written = 0;
        foreach (var photo in photos)
        {
            using var image = SourceImageScreen.TryDecode(File.ReadAllBytes(photo.Path), out var rejection);
            if (image is null)
            {
                output.WriteLine($"  skipped {photo.Path}: {rejection}");
                continue;
            }
            var target = Path.Combine(destination, photo.Source, photo.Name + ".jpg");
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            using var small = Downscaled(image);
            File.WriteAllBytes(target, (small ?? image).Encode(ImageFormat.Jpeg, JpegQuality));
            written++;
        }
        return written;
    }

    /// <summary>Null when the image is already small enough.</summary>
    private static Image? Downscaled(Image image)
    {
        var scale = (double)MaxSide / Math.Max(image.Width, image.Height);
        if (scale >= 1) return null;
        return image.Resize(Math.Max(1, (int)Math.Round(image.Width * scale)), Math.Max(1, (int)Math.Round(image.Height * scale)));
    }

    /// <summary>Larger validation and test shares than the 0.8/0.1/0.1 default: with about 40 photos, the default
    /// leaves 2 to pick the best epoch and 4 to report on, too few for either.</summary>
    public static readonly SplitFractions Fractions = new(0.7, 0.15, 0.15);

    /// <summary>Installs what is missing, replaces data/sample/ and writes its manifest.</summary>
    public static DatasetManifest Build(string repoRoot, TextWriter output, string systemRoot = "/")
    {
        DebianPackages.EnsureInstalled(SampleCatalog.Packages, output);
        var destination = RepoPaths.SampleFolder(repoRoot);
        // Rebuilt from scratch so a photo dropped from the catalog does not linger in the dataset.
        if (Directory.Exists(destination)) Directory.Delete(destination, recursive: true);
        var photos = SampleCatalog.Find(systemRoot);
        var written = CopyPhotos(photos, destination, output);
        output.WriteLine($"{written} of {photos.Count} photos written to {destination}");
        var manifest = ManifestBuilder.Build(Name, destination, repoRoot, new ManifestOptions { Fractions = Fractions });
        manifest.Save(RepoPaths.ManifestPath(repoRoot, Name));
        return manifest;
    }
}
