namespace ColorPix.Core.Data;

public sealed record DatasetCheckReport(
    string Name, SplitCounts Counts, SizeStatistics? Sizes, IReadOnlyDictionary<string, int> Formats,
    IReadOnlyList<DuplicateGroup> Duplicates, IReadOnlyList<FileProblem> Problems, IReadOnlyList<string> Failures)
{
    private const int ListedAtMost = 20;

    public bool Success => Failures.Count == 0;

    public void WriteTo(TextWriter output)
    {
        output.WriteLine($"dataset {Name}: train {Counts.Train}, val {Counts.Val}, test {Counts.Test}, skipped at build {Counts.Skipped}");
        if (Sizes is { } sizes) output.WriteLine($"  sizes: {sizes}");
        output.WriteLine($"  formats: {string.Join(", ", Formats.Select(f => $"{f.Key} {f.Value}"))}");
        foreach (var group in Duplicates.Take(ListedAtMost))
            output.WriteLine($"  duplicate {group.Sha256[..12]}: {string.Join(", ", group.Entries.Select(e => $"{e.Path} ({e.Split})"))}");
        foreach (var problem in Problems.Take(ListedAtMost)) output.WriteLine($"  {problem}");
        if (Problems.Count > ListedAtMost) output.WriteLine($"  ... and {Problems.Count - ListedAtMost} more");
        output.WriteLine(Success ? "check passed" : "check FAILED:");
        foreach (var failure in Failures) output.WriteLine($"  - {failure}");
    }
}

/// <summary>Smallest, median and largest width and height, each taken separately.</summary>
public sealed record SizeStatistics(int MinWidth, int MedianWidth, int MaxWidth, int MinHeight, int MedianHeight, int MaxHeight)
{
    public static SizeStatistics? Of(IReadOnlyCollection<ManifestEntry> entries)
    {
        if (entries.Count == 0) return null;
        var widths = entries.Select(e => e.Width).Order().ToArray();
        var heights = entries.Select(e => e.Height).Order().ToArray();
        return new SizeStatistics(widths[0], widths[widths.Length / 2], widths[^1], heights[0], heights[heights.Length / 2], heights[^1]);
    }

    public override string ToString() =>
        $"width {MinWidth}..{MaxWidth} (median {MedianWidth}), height {MinHeight}..{MaxHeight} (median {MedianHeight})";
}
