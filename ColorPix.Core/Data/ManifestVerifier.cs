namespace ColorPix.Core.Data;

public enum FileProblemKind { Missing, SizeChanged, ContentChanged }

public sealed record FileProblem(string Path, FileProblemKind Kind)
{
    public override string ToString() => Kind switch
    {
        FileProblemKind.Missing => $"missing: {Path}",
        FileProblemKind.SizeChanged => $"changed (size differs): {Path}",
        _ => $"changed (sha256 differs): {Path}",
    };
}

/// <summary>Checks that a manifest's files are still the ones it recorded.</summary>
public static class ManifestVerifier
{
    /// <summary>Size only by default (a stat per file, fast enough at every training start);
    /// <paramref name="hashContents"/> also re-hashes every file, for <see cref="DatasetCheck"/>.</summary>
    /// <param name="root">The dataset folder on this machine (<see cref="DatasetManifest.RootOnDisk"/>).</param>
    public static IReadOnlyList<FileProblem> Verify(DatasetManifest manifest, string root, bool hashContents = false)
    {
        var problems = new FileProblem?[manifest.Entries.Count];
        Parallel.For(0, problems.Length, i => problems[i] = Problem(root, manifest.Entries[i], hashContents));
        return problems.OfType<FileProblem>().ToList();
    }

    private static FileProblem? Problem(string root, ManifestEntry entry, bool hashContents)
    {
        // The builder records a symbolic link with its target's size and hash: compare the target, not the link.
        var real = ImageFiles.RealPath(Path.Combine(root, entry.Path));
        if (real is null) return new FileProblem(entry.Path, FileProblemKind.Missing);
        var file = new FileInfo(real);
        if (!file.Exists) return new FileProblem(entry.Path, FileProblemKind.Missing);
        if (file.Length != entry.Bytes) return new FileProblem(entry.Path, FileProblemKind.SizeChanged);
        if (hashContents && ManifestBuilder.Sha256OfFile(file.FullName) != entry.Sha256)
            return new FileProblem(entry.Path, FileProblemKind.ContentChanged);
        return null;
    }
}
