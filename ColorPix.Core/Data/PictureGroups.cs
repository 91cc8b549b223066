namespace ColorPix.Core.Data;

/// <summary>
/// Groups the files that show one picture, so that a picture never sits in two splits: a symbolic link and its
/// target, identical files, the resolutions of one KDE wallpaper (NAME/contents/images/*), pictures whose
/// <see cref="PerceptualHash"/> and thumbnail agree (<see cref="PerceptualHash.SamePicture"/>: re-encodings,
/// resizes), and the pairs the overrides name. Perceptual ties are made only between kept photographs, so that a
/// chain through look-alike gradients never joins two photographs that differ.
/// </summary>
public static class PictureGroups
{
    /// <summary>The groups of more than one file, largest first (<see cref="LargestFirst"/>); files in no such
    /// group are left out.</summary>
    public static IReadOnlyList<IReadOnlyList<CorpusCandidate>> Find(IReadOnlyList<CorpusCandidate> candidates, IReadOnlyList<CorpusOverride> overrides)
    {
        var parent = Enumerable.Range(0, candidates.Count).ToArray();
        int Root(int i) => parent[i] == i ? i : parent[i] = Root(parent[i]);
        void Join(int a, int b) => parent[Root(a)] = Root(b);

        void JoinEqual(Func<CorpusCandidate, string?> key)
        {
            foreach (var same in Enumerable.Range(0, candidates.Count).Where(i => key(candidates[i]) is not null).GroupBy(i => key(candidates[i])))
                foreach (var i in same.Skip(1)) Join(i, same.First());
        }
        JoinEqual(c => c.RealPath);
        JoinEqual(c => c.Sha256);
        JoinEqual(c => WallpaperOf(c.Path));

        var kept = Enumerable.Range(0, candidates.Count).Where(i => candidates[i].Kept && candidates[i].DHash is not null).ToList();
        for (var a = 0; a < kept.Count; a++)
            for (var b = a + 1; b < kept.Count; b++)
            {
                var (x, y) = (candidates[kept[a]], candidates[kept[b]]);
                if (PerceptualHash.SamePicture(x.DHash!.Value, x.Thumbnail!, y.DHash!.Value, y.Thumbnail!)) Join(kept[a], kept[b]);
            }

        var byPath = Enumerable.Range(0, candidates.Count).ToDictionary(i => (candidates[i].Package, candidates[i].InSource));
        foreach (var pair in overrides.Where(o => o.Verdict == OverrideVerdict.SameScene))
            if (byPath.TryGetValue((pair.Package, pair.Pattern), out var a) && byPath.TryGetValue((pair.Package, pair.SameAs!), out var b))
                Join(a, b);

        return Enumerable.Range(0, candidates.Count).GroupBy(Root).Where(g => g.Count() > 1)
            .Select(g => (IReadOnlyList<CorpusCandidate>)g.Select(i => candidates[i]).OrderBy(c => c, LargestFirst).ToList())
            .ToList();
    }

    /// <summary>The member that speaks for a group: the most pixels, then the larger file, a real file before a
    /// link, and the path. Its verdict is the group's: a smaller copy of a rejected render is no photograph either.</summary>
    public static readonly IComparer<CorpusCandidate> LargestFirst = Comparer<CorpusCandidate>.Create((a, b) =>
    {
        var order = b.Pixels.CompareTo(a.Pixels);
        if (order == 0) order = b.Bytes.CompareTo(a.Bytes);
        if (order == 0) order = a.IsLink.CompareTo(b.IsLink);
        return order != 0 ? order : StringComparer.Ordinal.Compare(a.Path, b.Path);
    });

    /// <summary>How <paramref name="member"/> is tied to its group's kept file.</summary>
    public static string Relation(CorpusCandidate member, CorpusCandidate kept, IReadOnlyList<CorpusOverride> overrides)
    {
        if (member == kept) return "kept";
        if (member.RealPath == kept.RealPath) return member.IsLink ? $"symbolic link to {member.RealPath}" : $"target of the symbolic link {kept.Path}";
        if (member.Sha256 == kept.Sha256) return "identical file";
        if (WallpaperOf(member.Path) is { } wallpaper && wallpaper == WallpaperOf(kept.Path))
            return member.Path.Contains("/contents/screenshot.", StringComparison.Ordinal) ? "same wallpaper, its thumbnail" : $"same wallpaper, {member.Width}x{member.Height}";
        var pair = overrides.FirstOrDefault(o => o.Verdict == OverrideVerdict.SameScene && o.Package == member.Package
                                                 && (o.Pattern == member.InSource || o.SameAs == member.InSource));
        if (pair is not null) return $"same scene: {pair.Reason} (by hand)";
        if (member.DHash is { } a && kept.DHash is { } b && member.Thumbnail is { } ta && kept.Thumbnail is { } tb)
            return $"near-duplicate: dhash {PerceptualHash.Distance(a, b)} bits apart, thumbnails {PerceptualHash.ThumbnailDifference(ta, tb).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)} levels";
        return "near-duplicate of a near-duplicate";
    }

    /// <summary>NAME for NAME/contents/images/FILE or NAME/contents/screenshot.EXT (a KDE wallpaper package: one
    /// picture, many resolutions, and a thumbnail of it), else null.</summary>
    public static string? WallpaperOf(string path)
    {
        var marker = path.LastIndexOf("/contents/", StringComparison.Ordinal);
        if (marker <= 0) return null;
        var rest = path[(marker + "/contents/".Length)..];
        return rest.StartsWith("images/", StringComparison.Ordinal) || rest.StartsWith("screenshot.", StringComparison.Ordinal) ? path[..marker] : null;
    }
}
