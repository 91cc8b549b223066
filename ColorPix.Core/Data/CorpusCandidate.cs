using ColorPix.Core.Imaging;

namespace ColorPix.Core.Data;

/// <summary>
/// One picture file of an extracted package, examined: where its links lead, what it is, and what the screen and
/// the overrides made of it. <see cref="Rejection"/> null means it is a photograph the corpus may keep.
/// </summary>
/// <param name="Path">Relative to the corpus root (data/debian/), with '/'.</param>
/// <param name="InSource">Relative to the source's folder, as overrides name it.</param>
/// <param name="RealPath">Where its symbolic links lead, relative to the corpus root; null when a link dangles.</param>
public sealed record CorpusCandidate(
    string Path, string Package, string InSource, string? RealPath, long Bytes, string? Sha256, int Width, int Height,
    PhotoStatistics? Statistics, ulong? DHash, string? ScreenRejection, string? Rejection, string? Override, byte[]? Thumbnail = null)
{
    public bool IsLink => RealPath is not null && RealPath != Path;
    public bool Kept => Rejection is null;
    public long Pixels => (long)Width * Height;

    /// <summary>Reads, decodes and measures one file (its link target's contents, for a link).</summary>
    public static CorpusCandidate Examine(string corpusRoot, string packageRoot, string package, string path, string inSource,
        IReadOnlyList<CorpusOverride> overrides)
    {
        var real = ImageFiles.RealPath(System.IO.Path.Combine(corpusRoot, path), jail: packageRoot);
        var hand = overrides.FirstOrDefault(o => o.Package == package && o.Verdict != OverrideVerdict.SameScene && Glob.Matches(o.Pattern, inSource));
        var unexamined = new CorpusCandidate(path, package, inSource, null, 0, null, 0, 0, null, null, null, null, hand?.Reason);
        if (real is null) return unexamined with { Rejection = "unreadable: dangling symbolic link" };
        var realRelative = System.IO.Path.GetRelativePath(corpusRoot, real).Replace(System.IO.Path.DirectorySeparatorChar, '/');
        byte[] bytes;
        try { bytes = File.ReadAllBytes(real); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return unexamined with { RealPath = realRelative, Rejection = "unreadable: " + e.Message };
        }
        var found = unexamined with { RealPath = realRelative, Bytes = bytes.Length, Sha256 = ManifestBuilder.Sha256Hex(bytes) };
        try
        {
            var info = ImageProbe.Probe(bytes);
            found = found with { Width = info.Width, Height = info.Height };
            if (info.Channels <= 2) return found with { Rejection = $"grayscale: single-channel {info.Format.DisplayName()}" };
            using var image = Image.Decode(bytes, PhotoStatistics.DecodeOptions);
            if (SourceImageScreen.IsGrayscale(image))
                return found with { Rejection = $"grayscale: R=G=B within {SourceImageScreen.GrayTolerance} levels" };
            var statistics = PhotoStatistics.Of(image);
            var screened = PhotoScreen.Reject(statistics, info.Width, info.Height);
            var rejection = hand?.Verdict switch
            {
                OverrideVerdict.Keep => null,
                OverrideVerdict.Reject => hand.Reason + " (by hand)",
                _ => screened,
            };
            return found with
            {
                Statistics = statistics, DHash = PerceptualHash.DHash(image), Thumbnail = PerceptualHash.Thumbnail(image),
                ScreenRejection = screened, Rejection = rejection,
            };
        }
        catch (ImageFormatException e)
        {
            return found with { Rejection = "unreadable: " + e.Message };
        }
    }
}

/// <summary>Path patterns of the overrides: '*' within a folder name, '**' across folders, '?' one character.</summary>
public static class Glob
{
    public static bool Matches(string pattern, string path) =>
        System.Text.RegularExpressions.Regex.IsMatch(path, "^" + string.Concat(Tokens(pattern)) + "$");

    private static IEnumerable<string> Tokens(string pattern)
    {
        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] == '*' && i + 1 < pattern.Length && pattern[i + 1] == '*') { yield return ".*"; i++; }
            else if (pattern[i] == '*') yield return "[^/]*";
            else if (pattern[i] == '?') yield return "[^/]";
            else yield return System.Text.RegularExpressions.Regex.Escape(pattern[i].ToString());
        }
    }
}
