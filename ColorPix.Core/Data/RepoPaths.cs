namespace ColorPix.Core.Data;

/// <summary>Where the repository's data lives: one place that knows the layout of data/.</summary>
public static class RepoPaths
{
    private const string SolutionFile = "ColorPix.sln";

    /// <summary>The nearest folder at or above <paramref name="start"/> (default: the current directory) holding
    /// ColorPix.sln, else <paramref name="start"/> itself, so the CLI works from any subfolder of a clone.</summary>
    public static string FindRoot(string? start = null)
    {
        var origin = Path.GetFullPath(start ?? Directory.GetCurrentDirectory());
        for (var dir = new DirectoryInfo(origin); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, SolutionFile))) return dir.FullName;
        return origin;
    }

    public static string DataFolder(string repoRoot) => Path.Combine(repoRoot, "data");
    public static string SplitsFolder(string repoRoot) => Path.Combine(DataFolder(repoRoot), "splits");
    public static string SampleFolder(string repoRoot) => Path.Combine(DataFolder(repoRoot), "sample");
    public static string ManifestPath(string repoRoot, string name) => Path.Combine(SplitsFolder(repoRoot), name + ".json");

    /// <summary>A dataset given by name (data/splits/NAME.json) or by the path of its manifest.</summary>
    public static string ManifestOf(string nameOrPath, string repoRoot) =>
        nameOrPath.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? Path.GetFullPath(nameOrPath) : ManifestPath(repoRoot, nameOrPath);

    public static string CheckpointsFolder(string repoRoot) => Path.Combine(repoRoot, "checkpoints");
    public static string MlrunsFolder(string repoRoot) => Path.Combine(repoRoot, "mlruns");

    /// <summary>The model shipped with the repository for a kind: checkpoints/&lt;kind&gt;/model.safetensors.</summary>
    public static string ShippedModel(string repoRoot, string kindName) => Path.Combine(CheckpointsFolder(repoRoot), kindName, "model.safetensors");

    /// <summary>The repository a manifest belongs to: manifests live in &lt;repo&gt;/data/splits/.</summary>
    public static string RootOfManifest(string manifestPath) =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(manifestPath))!, "..", ".."));

    /// <summary>A dataset root as recorded in a manifest: relative (with '/') when inside the repository, so the
    /// manifest stays valid in any clone; absolute otherwise.</summary>
    public static string ToRecordedRoot(string root, string repoRoot)
    {
        var relative = Path.GetRelativePath(Path.GetFullPath(repoRoot), Path.GetFullPath(root));
        var outside = relative == ".." || relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                      || Path.IsPathRooted(relative);
        return outside ? Path.GetFullPath(root) : relative.Replace(Path.DirectorySeparatorChar, '/');
    }

    public static string FromRecordedRoot(string recordedRoot, string repoRoot) =>
        Path.GetFullPath(Path.Combine(repoRoot, recordedRoot));
}
