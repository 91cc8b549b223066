using ColorPix.Core.Imaging;

namespace ColorPix.Core.Data;

/// <summary>
/// The data-conformity check: a manifest's files are all there and unchanged (full sha256), every split has
/// images (a consented export: only train), and no image appears in two splits (which would leak training images into validation).
/// </summary>
public static class DatasetCheck
{
    public static DatasetCheckReport Run(string manifestPath)
    {
        var manifest = DatasetManifest.Load(manifestPath);
        var root = manifest.RootOnDisk(manifestPath);
        var problems = ManifestVerifier.Verify(manifest, root, hashContents: true);
        var broken = problems.Select(p => p.Path).ToHashSet();
        var present = manifest.Entries.Where(e => !broken.Contains(e.Path)).ToList();
        var duplicates = manifest.Entries.GroupBy(e => e.Sha256).Where(g => g.Count() > 1)
            .Select(g => new DuplicateGroup(g.Key, g.ToList())).ToList();

        var failures = new List<string>();
        var counts = SplitCounts.Of(manifest.Entries, manifest.Skipped.Count);
        // A consented export is train-only by design (and empty when nobody consents): it is trained on beside a corpus
        // that has the held-out splits.
        var required = manifest.Uploads is null ? Enum.GetValues<Split>() : [];
        foreach (var split in required.Where(s => counts[s] == 0))
            failures.Add($"split '{split.ToString().ToLowerInvariant()}' is empty");
        if (problems.Count > 0) failures.Add($"{problems.Count} file(s) missing or changed since the manifest was written");
        var crossSplit = duplicates.Where(d => d.SpansSplits).ToList();
        if (crossSplit.Count > 0) failures.Add($"{crossSplit.Count} image(s) appear in more than one split");
        var straddling = StraddlingGroups(manifest);
        if (straddling > 0) failures.Add($"{straddling} group(s) of one picture span more than one split");
        if (counts != manifest.Counts) failures.Add($"the recorded counts {manifest.Counts} do not match the entries {counts}");

        return new DatasetCheckReport(manifest.Name, counts, SizeStatistics.Of(present), CountFormats(root, present),
            duplicates, problems, failures);
    }

    /// <summary>Groups whose entries, or whose recorded split, disagree: one picture on both sides of a split.</summary>
    private static int StraddlingGroups(DatasetManifest manifest)
    {
        var splits = manifest.Entries.Where(e => e.Group is not null).GroupBy(e => e.Group!)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Split).ToHashSet());
        foreach (var group in manifest.Groups ?? [])
            if (splits.TryGetValue(group.Id, out var seen)) seen.Add(group.Split);
        return splits.Values.Count(s => s.Count > 1);
    }

    private static IReadOnlyDictionary<string, int> CountFormats(string root, IEnumerable<ManifestEntry> entries) =>
        entries.Select(e => FormatOf(Path.Combine(root, e.Path)))
            .GroupBy(f => f).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count());

    private static string FormatOf(string path)
    {
        Span<byte> head = stackalloc byte[16];
        using var stream = File.OpenRead(path);
        var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        return ImageProbe.DetectFormat(head[..read])?.DisplayName() ?? "unknown";
    }
}

public sealed record DuplicateGroup(string Sha256, IReadOnlyList<ManifestEntry> Entries)
{
    public bool SpansSplits => Entries.Select(e => e.Split).Distinct().Count() > 1;
}
