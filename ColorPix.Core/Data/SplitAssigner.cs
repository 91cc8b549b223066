using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace ColorPix.Core.Data;

/// <summary>
/// Decides a file's split from its relative path alone, never from its position in a list, so adding
/// files to a dataset never moves the ones already there.
/// </summary>
public static partial class SplitAssigner
{
    public static Split Assign(string relativePath, int seed, SplitFractions fractions, bool folderNamesSplit = true) =>
        (folderNamesSplit ? SplitNamedByFolder(relativePath) : null) ?? Hashed(relativePath, seed, fractions);

    /// <summary>
    /// The split a folder of the path names, as MSCOCO distributes them (train2017, val2017, test2017; also
    /// plain train/val/valid/validation/test). The outermost such folder wins. Respecting it keeps our
    /// validation numbers comparable with published ones; folders naming no split (unlabeled2017) are hashed.
    /// </summary>
    public static Split? SplitNamedByFolder(string relativePath)
    {
        var folders = relativePath.Split('/');
        foreach (var folder in folders.AsSpan(0, folders.Length - 1))
        {
            var match = SplitFolder().Match(folder);
            if (!match.Success) continue;
            return match.Groups[1].Value.ToLowerInvariant() switch
            {
                "train" => Split.Train,
                "test" => Split.Test,
                _ => Split.Val,
            };
        }
        return null;
    }

    /// <summary>A uniform draw in [0, 1) from sha256(seed, path), compared with the cumulative fractions.</summary>
    public static Split Hashed(string relativePath, int seed, SplitFractions fractions)
    {
        var draw = Draw(relativePath, seed);
        if (draw < fractions.Train) return Split.Train;
        return draw < fractions.Train + fractions.Val ? Split.Val : Split.Test;
    }

    /// <summary>
    /// Splits a small set by quota rather than by independent draws, which could leave its test split short:
    /// the keys (one per group of files) are ordered by their draw from sha256(seed, key), and the first
    /// max(<paramref name="minTest"/>, test fraction x n) go to test, the next val fraction x n to val, the rest
    /// to train. A key's draw never changes, so adding one moves at most the keys at the two boundaries.
    /// </summary>
    public static IReadOnlyDictionary<string, Split> ByQuota(IEnumerable<string> keys, int seed, SplitFractions fractions, int minTest)
    {
        var ordered = keys.Distinct().OrderBy(k => Draw(k, seed)).ThenBy(k => k, StringComparer.Ordinal).ToList();
        var test = Math.Min(ordered.Count, Math.Max(minTest, (int)Math.Round(fractions.Test * ordered.Count)));
        var val = Math.Min(ordered.Count - test, (int)Math.Round(fractions.Val * ordered.Count));
        return ordered.Select((key, rank) => (key, split: rank < test ? Split.Test : rank < test + val ? Split.Val : Split.Train))
            .ToDictionary(p => p.key, p => p.split);
    }

    private static double Draw(string key, int seed)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{seed}\n{key}"));
        return BinaryPrimitives.ReadUInt64BigEndian(hash) / 18446744073709551616.0; // 2^64
    }

    [GeneratedRegex(@"^(train|val|valid|validation|test)(\d{2,4})?$", RegexOptions.IgnoreCase)]
    private static partial Regex SplitFolder();
}
