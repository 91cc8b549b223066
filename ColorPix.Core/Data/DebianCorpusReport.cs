using System.Globalization;

namespace ColorPix.Core.Data;

/// <summary>
/// What `data debian` tells: counts per package (found, kept, duplicates, rejected by reason), per split and per
/// group size, what changed since the previous manifest, and the review files in data/debian/review/: contact
/// sheets of the kept, the rejected and the duplicate pictures, and every file's statistics.
/// </summary>
public static class DebianCorpusReport
{
    public static void Write(DebianCorpusBuild build, DatasetManifest? previous, string corpusRoot, TextWriter output)
    {
        var manifest = build.Manifest;
        ReportChanges(manifest, previous, output);
        output.WriteLine($"{"package",-30} {"found",5} {"kept",5} {"dup",5}  rejected");
        foreach (var package in build.Candidates.GroupBy(c => c.Package))
        {
            var kept = manifest.Entries.Count(e => e.Source == package.Key);
            var repeated = package.Count(c => c.Kept) - kept;
            var reasons = package.Where(c => !c.Kept).GroupBy(c => Category(c.Rejection!)).OrderByDescending(g => g.Count())
                .Select(g => $"{g.Key} {g.Count()}");
            output.WriteLine($"{package.Key,-30} {package.Count(),5} {kept,5} {repeated,5}  {string.Join(", ", reasons)}");
        }
        var c = manifest.Counts;
        output.WriteLine($"splits: train {c.Train}, val {c.Val}, test {c.Test} (photos); {c.Skipped} files skipped");
        var sizes = build.Groups.Where(g => g[0].Kept).GroupBy(g => g.Count).OrderBy(g => g.Key).Select(g => $"{g.Count()} of {g.Key}");
        output.WriteLine($"groups of one picture (kept photo + its other files): {string.Join(", ", sizes)}");

        var review = Path.Combine(corpusRoot, "review");
        if (Directory.Exists(review)) Directory.Delete(review, recursive: true);
        Directory.CreateDirectory(review);
        WriteStatistics(build.Candidates, Path.Combine(review, "statistics.tsv"));
        var keptItems = manifest.Entries.Select(e => new SheetItem(Path.Combine(corpusRoot, e.Path), $"{Short(e.Path)} ({e.Split.ToString().ToLowerInvariant()})"));
        var rejected = build.Candidates.Where(x => !x.Kept && x.Statistics is not null)
            .Select(x => new SheetItem(Path.Combine(corpusRoot, x.Path), $"{Short(x.Path)}: {x.Rejection}"));
        var duplicates = manifest.Skipped.Where(s => s.Reason.StartsWith("duplicate of", StringComparison.Ordinal))
            .Select(s => new SheetItem(Path.Combine(corpusRoot, s.Path), $"{Short(s.Path)}: {s.Reason}"));
        foreach (var (name, items) in new[] { ("kept", keptItems), ("rejected", rejected), ("duplicates", duplicates) })
        {
            var pages = ContactSheet.Write(items.ToList(), Path.Combine(review, name));
            output.WriteLine($"contact sheets ({name}): {string.Join(" ", pages)}");
        }
    }

    private static void ReportChanges(DatasetManifest manifest, DatasetManifest? previous, TextWriter output)
    {
        if (previous?.Sources is not { } before) return;
        var old = before.ToDictionary(s => s.Name);
        foreach (var source in manifest.Sources!)
            if (!old.TryGetValue(source.Name, out var was)) output.WriteLine($"  new source: {source.Name} {source.Version}");
            else if (was.DebSha256 != source.DebSha256) output.WriteLine($"  changed: {source.Name} {was.Version} -> {source.Version}");
        var (oldPaths, newPaths) = (previous.Entries.Select(e => e.Path).ToHashSet(), manifest.Entries.Select(e => e.Path).ToHashSet());
        var moved = previous.Entries.Join(manifest.Entries, e => e.Path, e => e.Path, (a, b) => (a, b)).Count(p => p.a.Split != p.b.Split || p.a.Sha256 != p.b.Sha256);
        output.WriteLine($"since the previous manifest: {newPaths.Except(oldPaths).Count()} photos added, {oldPaths.Except(newPaths).Count()} removed, {moved} changed or moved");
    }

    private static void WriteStatistics(IEnumerable<CorpusCandidate> candidates, string path)
    {
        static string F(double v) => v.ToString("0.####", CultureInfo.InvariantCulture);
        var lines = new List<string> { "path\twidth\theight\tcolorfulness\tpalette_share\tsmooth_share\tnoise_floor\tsaturated_share\tdhash\tscreen\tdecision\toverride" };
        foreach (var c in candidates.OrderBy(c => c.Path, StringComparer.Ordinal))
        {
            var s = c.Statistics;
            lines.Add(string.Join('\t', c.Path, c.Width, c.Height, s is null ? "" : F(s.Colorfulness), s is null ? "" : F(s.PaletteShare),
                s is null ? "" : F(s.SmoothShare), s is null ? "" : F(s.NoiseFloor), s is null ? "" : F(s.SaturatedShare),
                c.DHash is { } h ? h.ToString("x16") : "", c.ScreenRejection ?? "photo", c.Rejection ?? "kept", c.Override ?? ""));
        }
        File.WriteAllLines(path, lines);
    }

    /// <summary>"near-gray", "illustration", "render", ... (the reason up to its colon, without "(by hand)").</summary>
    public static string Category(string reason)
    {
        var colon = reason.IndexOf(':');
        var category = colon > 0 ? reason[..colon] : reason;
        return reason.EndsWith("(by hand)", StringComparison.Ordinal) ? category + " (by hand)" : category;
    }

    private static string Short(string path)
    {
        var parts = path.Split('/');
        return parts.Length <= 2 ? path : $"{parts[0]}: {string.Join('/', parts[^Math.Min(2, parts.Length - 1)..])}";
    }
}
