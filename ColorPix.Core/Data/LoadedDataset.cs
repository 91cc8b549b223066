namespace ColorPix.Core.Data;

/// <summary>A manifest with its dataset folder on this machine: what training and evaluation read. One manifest, or
/// the union of several (<see cref="DatasetUnion"/>), which has no file of its own to locate its folder from.</summary>
public sealed record LoadedDataset(DatasetManifest Manifest, string Root)
{
    /// <summary>A dataset named on the command line: NAME, a manifest path, or NAME+NAME... (<see cref="DatasetUnion"/>).</summary>
    public static LoadedDataset Open(string data, string repoRoot) => DatasetUnion.Load(data, repoRoot);

    public static LoadedDataset FromManifest(string manifestPath)
    {
        if (!File.Exists(manifestPath))
            throw new FileNotFoundException($"no dataset manifest at {manifestPath} (build one with `colorpix data sample` or `colorpix data coco`)", manifestPath);
        var manifest = DatasetManifest.Load(manifestPath);
        return new LoadedDataset(manifest, manifest.RootOnDisk(manifestPath));
    }
}
