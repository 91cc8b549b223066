namespace ColorPix.Core.Data;

/// <summary>
/// `--data sample+consented`: several datasets trained on as one, each split the union of the parts' splits. A
/// picture in two parts (same sha256, or the same file) counts once, in the most held-out of its splits (test, then
/// val, then train): adding a part never moves a held-out image into training.
/// </summary>
public static class DatasetUnion
{
    public const char Separator = '+';

    /// <summary>NAME, a manifest path, or parts joined by <see cref="Separator"/>; a missing part is named in the error.</summary>
    public static LoadedDataset Load(string data, string repoRoot)
    {
        var whole = RepoPaths.ManifestOf(data, repoRoot);
        if (File.Exists(whole) || !data.Contains(Separator)) return LoadedDataset.FromManifest(whole);
        var parts = data.Split(Separator).Select(part =>
        {
            if (part.Trim().Length == 0) throw new ArgumentException($"--data '{data}' has an empty part");
            var path = RepoPaths.ManifestOf(part, repoRoot);
            if (!File.Exists(path)) throw new FileNotFoundException($"dataset '{part}' of '{data}' has no manifest at {path}", path);
            return LoadedDataset.FromManifest(path);
        }).ToList();
        return Of(data, parts);
    }

    /// <summary>The union, rooted at the deepest folder holding every part's root; entry paths are rebased onto it.</summary>
    public static LoadedDataset Of(string name, IReadOnlyList<LoadedDataset> parts)
    {
        var root = CommonFolder(parts.Select(p => Path.GetFullPath(p.Root)).ToList());
        var entries = new List<ManifestEntry>();
        var byPath = new Dictionary<string, int>(StringComparer.Ordinal);
        var byHash = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in parts)
            foreach (var entry in part.Manifest.Entries)
            {
                var rebased = entry with { Path = Path.GetRelativePath(root, Path.Combine(part.Root, entry.Path)).Replace(Path.DirectorySeparatorChar, '/') };
                var hash = string.IsNullOrEmpty(entry.Sha256) ? null : entry.Sha256;
                var seen = byPath.TryGetValue(rebased.Path, out var i) ? i : hash is not null && byHash.TryGetValue(hash, out var j) ? j : -1;
                if (seen < 0)
                {
                    seen = entries.Count;
                    entries.Add(rebased);
                }
                else if (HeldOutRank(rebased.Split) > HeldOutRank(entries[seen].Split)) entries[seen] = rebased;
                byPath.TryAdd(rebased.Path, seen);
                if (hash is not null) byHash.TryAdd(hash, seen);
            }
        var first = parts[0].Manifest;
        // Skipped files stay in their parts' manifests: the union lists what is trained on.
        var manifest = new DatasetManifest(name, root, first.Seed, first.Fractions, parts.Max(p => p.Manifest.CreatedUtc),
            SplitCounts.Of(entries, 0), entries, []);
        return new LoadedDataset(manifest, root);
    }

    private static int HeldOutRank(Split split) => split switch { Split.Test => 2, Split.Val => 1, _ => 0 };

    private static string CommonFolder(IReadOnlyList<string> folders)
    {
        var common = folders[0];
        while (!folders.All(f => ImageFiles.IsWithin(f, common)))
            common = Path.GetDirectoryName(common) ?? Path.GetPathRoot(common)!;
        return common;
    }
}
