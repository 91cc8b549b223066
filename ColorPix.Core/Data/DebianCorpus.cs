namespace ColorPix.Core.Data;

/// <summary>A package downloaded and unpacked into the corpus root, pinned by version and the .deb's sha256.</summary>
/// <param name="Root">The folder it was unpacked into (data/debian/PACKAGE).</param>
public sealed record ExtractedPackage(DebianSource Source, string Version, string DebSha256, string Root);

/// <summary>The manifest, and every file looked at (for the contact sheets and the statistics table).</summary>
public sealed record DebianCorpusBuild(DatasetManifest Manifest, IReadOnlyList<CorpusCandidate> Candidates, IReadOnlyList<IReadOnlyList<CorpusCandidate>> Groups);

/// <summary>
/// The dataset of every colour photograph that Debian packages ship (data/splits/debian.json): each file of the
/// sources' folders is screened (<see cref="PhotoScreen"/>, then the hand overrides), the files of one picture are
/// grouped (<see cref="PictureGroups"/>) and only the largest of a group is kept, and whole groups are split by
/// quota, so the test split has at least <see cref="MinTestPhotos"/> photographs that training and epoch selection
/// never see. The photos stay in the git-ignored corpus root; the manifest names them by path and sha256.
/// </summary>
public static class DebianCorpus
{
    public const int MinTestPhotos = 30;

    /// <summary>Where the packages are unpacked: data/debian/ (git-ignored; the manifest is what is committed).</summary>
    public static string Folder(string repoRoot) => Path.Combine(RepoPaths.DataFolder(repoRoot), DebianCorpusCatalog.Name);
    public static readonly SplitFractions Fractions = new(0.6, 0.15, 0.25);

    public static DebianCorpusBuild Build(string corpusRoot, IReadOnlyList<ExtractedPackage> packages, string repoRoot,
        IReadOnlyList<CorpusOverride>? overrides = null, int seed = 42, int minTest = MinTestPhotos, TextWriter? log = null)
    {
        overrides ??= DebianCorpusCatalog.Overrides;
        corpusRoot = Path.GetFullPath(corpusRoot);
        var work = new List<(ExtractedPackage Package, string Path, string InSource)>();
        foreach (var package in packages)
        {
            var folder = Path.Combine(package.Root, package.Source.Folder);
            if (!Directory.Exists(folder))
            {
                log?.WriteLine($"  {package.Source.Package}: no folder {package.Source.Folder}");
                continue;
            }
            foreach (var inSource in ImageFiles.FindRelative(folder, followFolderLinks: false))
                work.Add((package, Relative(corpusRoot, Path.Combine(folder, inSource)), inSource));
        }
        log?.WriteLine($"  examining {work.Count} picture files of {packages.Count} packages ...");
        var candidates = new CorpusCandidate[work.Count];
        Parallel.For(0, work.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
            candidates[i] = CorpusCandidate.Examine(corpusRoot, work[i].Package.Root, work[i].Package.Source.Package, work[i].Path,
                work[i].InSource, overrides));

        var groups = PictureGroups.Find(candidates, overrides);
        var groupOf = groups.SelectMany(g => g.Select(member => (member, group: g))).ToDictionary(p => p.member.Path, p => p.group);
        var kept = candidates.Where(c => c.Kept && (!groupOf.TryGetValue(c.Path, out var g) || g[0] == c)).ToList();
        var keptPaths = kept.Select(c => c.Path).ToHashSet();
        var splits = SplitAssigner.ByQuota(kept.Select(EntryPath), seed, Fractions, minTest);
        var licences = packages.ToDictionary(p => p.Source.Package, p => PackageLicence.Read(CopyrightPath(p)));

        string? GroupId(CorpusCandidate c) => groupOf.TryGetValue(c.Path, out var g) && g[0].Kept ? g[0].Sha256![..12] : null;
        var entries = kept.Select(c => new ManifestEntry(EntryPath(c), c.Bytes, c.Sha256!, splits[EntryPath(c)], c.Width, c.Height,
                GroupId(c), c.Package, licences[c.Package].Of(c.Path)))
            .OrderBy(e => e.Path, StringComparer.Ordinal).ToList();
        var skipped = candidates.Where(c => !keptPaths.Contains(c.Path))
            .Select(c => new SkippedFile(c.Path, c.Kept ? DuplicateReason(c, groupOf[c.Path][0], overrides) : c.Rejection!, GroupId(c), c.Package))
            .OrderBy(s => s.Path, StringComparer.Ordinal).ToList();
        var groupRecords = groups.Where(g => g[0].Kept)
            .Select(g => new ImageGroup(g[0].Sha256![..12], splits[EntryPath(g[0])], EntryPath(g[0]),
                g.Select(m => new GroupMember(m.Path, PictureGroups.Relation(m, g[0], overrides))).ToList()))
            .OrderBy(g => g.Kept, StringComparer.Ordinal).ToList();
        var sources = packages.Select(p => new DatasetSource(p.Source.Package, p.Version, p.DebSha256, licences[p.Source.Package].Summary,
            Relative(corpusRoot, CopyrightPath(p)))).ToList();

        var manifest = new DatasetManifest(DebianCorpusCatalog.Name, RepoPaths.ToRecordedRoot(corpusRoot, repoRoot), seed, Fractions,
            DateTimeOffset.UtcNow, SplitCounts.Of(entries, skipped.Count), entries, skipped, sources, groupRecords);
        return new DebianCorpusBuild(manifest, candidates, groups);
    }

    private static string DuplicateReason(CorpusCandidate member, CorpusCandidate largest, IReadOnlyList<CorpusOverride> overrides) =>
        $"duplicate of {largest.Path}{(largest.Kept ? "" : $" (rejected: {largest.Rejection})")}: {PictureGroups.Relation(member, largest, overrides)}";

    /// <summary>A kept file is recorded where its links lead: the manifest then names a real file.</summary>
    private static string EntryPath(CorpusCandidate c) => c.RealPath!;

    private static string CopyrightPath(ExtractedPackage p) => Path.Combine(p.Root, "usr", "share", "doc", p.Source.Package, "copyright");

    private static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/');
}
