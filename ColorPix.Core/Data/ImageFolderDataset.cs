using ColorPix.Core.Imaging;

namespace ColorPix.Core.Data;

/// <summary>
/// One split of a manifest's images. Files that went missing or changed size since the manifest was written
/// are left out and listed in <see cref="Problems"/>, so a run starts anyway and says what it lacked.
/// </summary>
public sealed class ImageFolderDataset
{
    public string Root { get; }
    public IReadOnlyList<ManifestEntry> Entries { get; }
    public IReadOnlyList<FileProblem> Problems { get; }

    public ImageFolderDataset(string root, IReadOnlyList<ManifestEntry> entries, IReadOnlyList<FileProblem>? problems = null)
    {
        Root = root;
        Entries = entries;
        Problems = problems ?? [];
    }

    public static ImageFolderDataset Open(string manifestPath, Split split)
    {
        var manifest = DatasetManifest.Load(manifestPath);
        var problems = ManifestVerifier.Verify(manifest, manifestPath).ToList();
        var broken = problems.Select(p => p.Path).ToHashSet();
        problems.RemoveAll(p => manifest.Entries.First(e => e.Path == p.Path).Split != split);
        var entries = manifest.In(split).Where(e => !broken.Contains(e.Path)).ToList();
        return new ImageFolderDataset(manifest.RootOnDisk(manifestPath), entries, problems);
    }

    public int Count => Entries.Count;

    public string FullPath(int index) => Path.Combine(Root, Entries[index].Path);

    /// <summary>The decoded RGB image, or null with the reason when the file has become unreadable or is
    /// grayscale: the loader skips and counts such files rather than stopping the run.</summary>
    public Image? TryLoad(int index, out string? rejection)
    {
        byte[] bytes;
        try { bytes = File.ReadAllBytes(FullPath(index)); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            rejection = "unreadable: " + e.Message;
            return null;
        }
        return SourceImageScreen.TryDecode(bytes, out rejection);
    }
}
