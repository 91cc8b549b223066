using System.Security.Cryptography;

namespace ColorPix.Core.Data;

/// <summary>Scans a folder tree of photos and writes which file belongs to which split.</summary>
public static class ManifestBuilder
{
    public static DatasetManifest Build(string name, string root, string repoRoot, ManifestOptions? options = null, TextWriter? log = null)
    {
        options ??= new ManifestOptions();
        options.Fractions.Validate();
        if (!Directory.Exists(root)) throw new DirectoryNotFoundException($"dataset folder {root} does not exist");
        var paths = ImageFiles.FindRelative(root);
        var realRoot = ImageFiles.RealPath(root) ?? Path.GetFullPath(root);
        var results = new (Examined? Found, SkippedFile? Skipped)[paths.Count];
        var done = 0;
        Parallel.For(0, paths.Count, new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism }, i =>
        {
            results[i] = Examine(root, realRoot, paths[i]);
            var count = Interlocked.Increment(ref done);
            if (count % 1000 == 0) log?.WriteLine($"  {count}/{paths.Count} files examined");
        });
        var (entries, groups) = AssignSplits(results.Select(r => r.Found).OfType<Examined>().ToList(), options);
        var skipped = results.Select(r => r.Skipped).OfType<SkippedFile>().ToList();
        return new DatasetManifest(name, RepoPaths.ToRecordedRoot(root, repoRoot), options.Seed, options.Fractions,
            DateTimeOffset.UtcNow, SplitCounts.Of(entries, skipped.Count), entries, skipped, Groups: groups.Count > 0 ? groups : null);
    }

    /// <summary>A usable file before its split is known. <paramref name="RealPath"/> is where its links lead,
    /// relative to the root when inside it.</summary>
    private sealed record Examined(string Path, string RealPath, long Bytes, string Sha256, int Width, int Height);

    private static (Examined?, SkippedFile?) Examine(string root, string realRoot, string relativePath)
    {
        // A symbolic link stands for its target: its size and hash are the target's, so that the check compares
        // like with like, and it joins the target's group.
        var real = ImageFiles.RealPath(Path.Combine(root, relativePath));
        if (real is null) return (null, new SkippedFile(relativePath, "unreadable: dangling symbolic link"));
        byte[] bytes;
        try { bytes = File.ReadAllBytes(real); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, new SkippedFile(relativePath, "unreadable: " + e.Message));
        }
        using var image = SourceImageScreen.TryDecode(bytes, out var rejection);
        if (image is null) return (null, new SkippedFile(relativePath, rejection!));
        var realRelative = ImageFiles.IsWithin(real, realRoot) ? Path.GetRelativePath(realRoot, real).Replace(Path.DirectorySeparatorChar, '/') : real;
        return (new Examined(relativePath, realRelative, bytes.Length, Sha256Hex(bytes), image.Width, image.Height), null);
    }

    /// <summary>
    /// A symbolic link and the file it leads to form a group, which takes the split of that file's path: adding a
    /// link never moves its target, and a picture never straddles two splits through a link. A folder naming a
    /// split (train2017, ...) still decides for the files below it. Copies that are not links keep their own
    /// splits, so that adding files never moves existing ones; <see cref="DatasetCheck"/> reports copies that
    /// straddle splits.
    /// </summary>
    private static (List<ManifestEntry>, List<ImageGroup>) AssignSplits(IReadOnlyList<Examined> files, ManifestOptions options)
    {
        var entries = new List<ManifestEntry>(files.Count);
        var groups = new List<ImageGroup>();
        foreach (var same in files.GroupBy(f => f.RealPath))
        {
            var members = same.OrderBy(m => m.Path, StringComparer.Ordinal).ToList();
            var hashed = SplitAssigner.Hashed(same.Key, options.Seed, options.Fractions);
            Split? Named(Examined m) => options.FolderNamesSplit ? SplitAssigner.SplitNamedByFolder(m.Path) : null;
            var grouped = members.Where(m => Named(m) is null).ToList();
            var id = grouped.Count > 1 ? grouped[0].Sha256[..12] : null;
            foreach (var m in members)
                entries.Add(new ManifestEntry(m.Path, m.Bytes, m.Sha256, Named(m) ?? hashed, m.Width, m.Height, Named(m) is null ? id : null));
            if (id is null) continue;
            var kept = grouped.FirstOrDefault(m => m.Path == m.RealPath) ?? grouped[0];
            groups.Add(new ImageGroup(id, hashed, kept.Path, grouped
                .Select(m => new GroupMember(m.Path, m == kept ? "kept" : $"symbolic link to {m.RealPath}")).ToList()));
        }
        entries.Sort((a, b) => StringComparer.Ordinal.Compare(a.Path, b.Path));
        groups.Sort((a, b) => StringComparer.Ordinal.Compare(a.Kept, b.Kept));
        return (entries, groups);
    }

    public static string Sha256Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    public static string Sha256OfFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
