using System.IO.Compression;
using ColorPix.Core.Imaging;
using ColorPix.Web.Hosting;

namespace ColorPix.Web.Albums;

/// <summary>One entry of an album upload before it is read: <see cref="Skip"/> says why it is not read at all.</summary>
public sealed record AlbumPart(string Name, long Length, Func<CancellationToken, Task<byte[]>> ReadAsync, string? Skip = null);

/// <summary>
/// An album sent as one ZIP: its limits checked from the directory before anything is inflated, then each photo
/// inflated no further than its declared size. Refusals are <see cref="AlbumRefusedException"/> (413/422) and, for
/// an entry whose data is shorter than declared, <see cref="CorruptImageException"/>; anything else is a defect (the
/// album-zip fuzz target looks for those).
/// </summary>
public static class AlbumZip
{
    private static readonly string[] Archives = [".zip", ".7z", ".rar", ".tar", ".gz", ".tgz", ".bz2", ".xz"];
    private static readonly string[] SystemFiles = ["thumbs.db", "desktop.ini"];

    /// <summary>Checks the archive from its directory before anything is inflated: entry count, the photos' count and
    /// declared sizes, each entry's compression ratio, and that the entries do not overlap (their compressed sizes fit
    /// in the file). Each photo is then inflated no further than its declared size.</summary>
    public static ZipArchive Open(Stream stream, LimitsOptions max)
    {
        var end = ZipDirectory.ReadEnd(stream) ?? throw Damaged("its end record is missing");
        if (end.Entries < 0 || end.Entries > max.MaxZipEntries)
            throw AlbumRefusedException.TooLarge($"the ZIP declares {(ulong)end.Entries:N0} entries; the limit is {max.MaxZipEntries:N0}");
        if (end.DirectoryBytes < 0 || end.DirectoryBytes > stream.Length) throw Damaged("its directory is larger than the file");
        stream.Position = 0;
        try
        {
            return new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException e)
        {
            throw Damaged(e.Message);
        }
    }

    public static List<AlbumPart> Parts(ZipArchive archive, long archiveBytes, LimitsOptions max)
    {
        IReadOnlyList<ZipArchiveEntry> all;
        try { all = archive.Entries; }
        catch (InvalidDataException e) { throw Damaged(e.Message); }
        if (all.Count > max.MaxZipEntries) throw AlbumRefusedException.TooLarge($"the ZIP has {all.Count:N0} entries; the limit is {max.MaxZipEntries:N0}");
        if (all.Sum(e => e.CompressedLength) > archiveBytes)
            throw AlbumRefusedException.Bomb("its entries overlap (their compressed sizes add up to more than the file): the archive is refused as a ZIP bomb");

        var parts = all.Select(entry => new AlbumPart(entry.FullName, entry.Length, c => InflateAsync(entry, c), SkipReason(entry.FullName))).ToList();
        var read = parts.Where(p => p.Skip is null && p.Length <= max.MaxUploadBytes).ToList();
        var photos = parts.Count(p => p.Skip is null);
        if (photos > max.MaxAlbumPhotos) throw AlbumRefusedException.TooLarge($"the ZIP holds {photos:N0} files; the limit is {max.MaxAlbumPhotos:N0} photos");
        if (all.FirstOrDefault(e => SkipReason(e.FullName) is null && e.Length > (long)max.MaxZipCompressionRatio * Math.Max(1, e.CompressedLength)) is { } entry)
            throw AlbumRefusedException.Bomb($"'{entry.FullName}' inflates {entry.Length:N0} bytes from {entry.CompressedLength:N0}, more than " +
                                             $"{max.MaxZipCompressionRatio} times: the archive is refused as a ZIP bomb");
        var inflated = read.Sum(p => p.Length);
        if (inflated > max.MaxAlbumUncompressedBytes)
            throw AlbumRefusedException.TooLarge($"its photos inflate to {inflated:N0} bytes; the limit is {max.MaxAlbumUncompressedBytes:N0}");
        return parts;
    }

    /// <summary>Never more than the declared size: an entry whose data goes on is a lie about its size.</summary>
    private static async Task<byte[]> InflateAsync(ZipArchiveEntry entry, CancellationToken ct)
    {
        var bytes = new byte[entry.Length];
        try
        {
            await using var data = await entry.OpenAsync(ct);
            var read = await data.ReadAtLeastAsync(bytes, bytes.Length, throwOnEndOfStream: false, ct);
            if (read < bytes.Length) throw new CorruptImageException($"the entry holds {read:N0} bytes, not the {bytes.Length:N0} its directory declares");
            if (await data.ReadAsync(new byte[1], ct) > 0)
                throw AlbumRefusedException.Bomb($"'{entry.FullName}' inflates to more than the {entry.Length:N0} bytes the directory declares: the archive is refused as a ZIP bomb");
        }
        catch (InvalidDataException e)
        {
            throw AlbumRefusedException.Bomb($"'{entry.FullName}' cannot be inflated ({e.Message}): the archive is refused");
        }
        return bytes;
    }

    /// <summary>Why an entry is not read at all, from its name alone; null for a file that may be a photo.</summary>
    internal static string? SkipReason(string fullName)
    {
        if (fullName.EndsWith('/') || fullName.EndsWith('\\')) return "a folder";
        var segments = fullName.Split('/', '\\');
        if (segments.Any(s => s.Equals("__MACOSX", StringComparison.OrdinalIgnoreCase))) return "macOS metadata (__MACOSX)";
        // "." and ".." are not hidden files: they are read like any name, and no name is ever used as a path.
        if (segments.Any(s => s.StartsWith('.') && s is not ("." or ".."))) return "a hidden file";
        if (SystemFiles.Contains(segments[^1].ToLowerInvariant())) return "a system file";
        if (Archives.Contains(Path.GetExtension(segments[^1]).ToLowerInvariant())) return "an archive inside the archive: nested archives are not opened";
        return null;
    }

    private static AlbumRefusedException Damaged(string why) =>
        new(StatusCodes.Status422UnprocessableEntity, "Unreadable ZIP", $"the ZIP cannot be read: {why}");
}
