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
        var results = new (ManifestEntry? Entry, SkippedFile? Skipped)[paths.Count];
        var done = 0;
        Parallel.For(0, paths.Count, new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism }, i =>
        {
            results[i] = Examine(root, paths[i], options);
            var count = Interlocked.Increment(ref done);
            if (count % 1000 == 0) log?.WriteLine($"  {count}/{paths.Count} files examined");
        });
        var entries = results.Select(r => r.Entry).OfType<ManifestEntry>().ToList();
        var skipped = results.Select(r => r.Skipped).OfType<SkippedFile>().ToList();
        return new DatasetManifest(name, RepoPaths.ToRecordedRoot(root, repoRoot), options.Seed, options.Fractions,
            DateTimeOffset.UtcNow, SplitCounts.Of(entries, skipped.Count), entries, skipped);
    }

    private static (ManifestEntry?, SkippedFile?) Examine(string root, string relativePath, ManifestOptions options)
    {
        byte[] bytes;
        try { bytes = File.ReadAllBytes(Path.Combine(root, relativePath)); }
        catch (IOException e) { return (null, new SkippedFile(relativePath, "unreadable: " + e.Message)); }
        using var image = SourceImageScreen.TryDecode(bytes, out var rejection);
        if (image is null) return (null, new SkippedFile(relativePath, rejection!));
        var split = SplitAssigner.Assign(relativePath, options.Seed, options.Fractions, options.FolderNamesSplit);
        return (new ManifestEntry(relativePath, bytes.Length, Sha256Hex(bytes), split, image.Width, image.Height), null);
    }

    public static string Sha256Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    public static string Sha256OfFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
