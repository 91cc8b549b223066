using System.IO.Compression;
using ColorPix.Core.Imaging;
using ColorPix.Web.Hosting;
using ColorPix.Web.Photos;
using ColorPix.Web.Storage.Metadata;
using ColorPix.Web.Storage.Objects;
using Microsoft.Extensions.Options;

namespace ColorPix.Web.Albums;

/// <summary>
/// Turns an album upload (several photos, or one ZIP) into an album: each photo goes through <see cref="PhotoIntake"/>,
/// exactly as a single upload does, and is reported on its own when refused; the album is refused as a whole only
/// for its limits, a ZIP bomb, or when no photo in it is accepted. Its photos are colorized later by the
/// <see cref="AlbumWorker"/>.
/// </summary>
public sealed class AlbumIntake(PhotoIntake photos, IAlbumStore albums, IImageStore images, IObjectStore objects,
    IOptions<LimitsOptions> limits, AlbumSignal signal, TimeProvider clock)
{
    private const int MaxNameLength = 200;
    private const int RetryAfterSeconds = 30;
    private static readonly string[] Archives = [".zip", ".7z", ".rar", ".tar", ".gz", ".tgz", ".bz2", ".xz"];
    private static readonly string[] SystemFiles = ["thumbs.db", "desktop.ini"];

    /// <summary>One entry of the upload before it is read: <see cref="Skip"/> says why it is not read at all.</summary>
    private sealed record Part(string Name, long Length, Func<CancellationToken, Task<byte[]>> ReadAsync, string? Skip = null);

    /// <exception cref="AlbumRefusedException"/>
    public async Task<(AlbumRecord Album, IReadOnlyList<AlbumEntry> Entries)> CreateAsync(UserAccount owner, IReadOnlyList<IFormFile> files,
        bool? consent, string? name, CancellationToken ct)
    {
        var max = limits.Value;
        if (files.Count > max.MaxAlbumPhotos)
            throw AlbumRefusedException.TooLarge($"the album has {files.Count:N0} photos; the limit is {max.MaxAlbumPhotos:N0}");
        if (files.Count == 1 && await IsZipAsync(files[0], ct))
        {
            await using var stream = files[0].OpenReadStream();
            using var archive = OpenZip(stream, max);
            return await StoreAsync(owner, ZipParts(archive, stream.Length, max), consent, name ?? Path.GetFileNameWithoutExtension(files[0].FileName), ct);
        }
        var parts = new List<Part>();
        foreach (var file in files)
            parts.Add(new Part(file.FileName, file.Length, c => PhotoIntake.ReadAsync(file, c),
                await IsZipAsync(file, ct) ? "a ZIP is sent on its own, not among photos" : null));
        return await StoreAsync(owner, parts, consent, name, ct);
    }

    private async Task<(AlbumRecord, IReadOnlyList<AlbumEntry>)> StoreAsync(UserAccount owner, IReadOnlyList<Part> parts, bool? consent, string? name,
        CancellationToken ct)
    {
        // One user's albums wait at most one album's worth of photos: the workers are shared, and a user who sends album
        // after album would otherwise keep a queue in the database far beyond what the per-minute limit means.
        var (waiting, incoming, max) = (await albums.CountPendingAsync(owner.Id, ct), parts.Count(p => p.Skip is null), limits.Value.MaxAlbumPhotos);
        if (waiting > 0 && waiting + incoming > max)
            throw new AlbumRefusedException(StatusCodes.Status429TooManyRequests, "Albums still being colorized",
                $"{waiting} photo{(waiting == 1 ? "" : "s")} of your albums still wait to be colorized; with these {incoming} that is over {max}: " +
                "send this album when they are done", RetryAfterSeconds);
        var entries = new List<AlbumEntry>();
        try
        {
            foreach (var part in parts) entries.Add(await AcceptAsync(owner, part, entries.Count, consent, ct));
            if (entries.All(e => e.Status != AlbumEntryStatus.Pending))
                throw new AlbumRefusedException(StatusCodes.Status422UnprocessableEntity, "No photo in the album", parts.Count == 0
                    ? "the upload holds no photo"
                    : $"none of its {parts.Count} entries is a photo that can be colorized: " +
                      string.Join("; ", entries.Take(5).Select(e => $"{e.Name}: {e.Problem}")));
            var album = new AlbumRecord(Guid.NewGuid(), owner.Id, AlbumName(name, entries), clock.GetUtcNow());
            await albums.AddAsync(album, entries, ct);
            signal.Notify();
            return (album, entries);
        }
        catch
        {
            // Not the caller's token: a refused or cancelled album leaves none of its photos behind.
            foreach (var id in entries.Select(e => e.ImageId).OfType<Guid>())
                if (await images.DeleteAsync(owner.Id, id, CancellationToken.None) is { } deleted) await objects.DeleteAllAsync(deleted.Keys, CancellationToken.None);
            throw;
        }
    }

    private async Task<AlbumEntry> AcceptAsync(UserAccount owner, Part part, int position, bool? consent, CancellationToken ct)
    {
        var name = part.Name.Length > MaxNameLength ? part.Name[..MaxNameLength] : part.Name;
        AlbumEntry Refused(string problem) => new(position, name, null, AlbumEntryStatus.Refused, problem, 0, null);
        if (part.Skip is not null) return new AlbumEntry(position, name, null, AlbumEntryStatus.Skipped, part.Skip, 0, null);
        if (part.Length == 0) return Refused("the file is empty");
        if (photos.TooLarge(part.Length) is { } tooLarge) return Refused($"Upload too large: {tooLarge}");
        try
        {
            var image = await photos.AcceptAsync(owner, await part.ReadAsync(ct), consent, ct);
            return new AlbumEntry(position, name, image.Id, AlbumEntryStatus.Pending, null, 0, null);
        }
        catch (ImageFormatException e)
        {
            // The same words a single upload of this photo would get (415 / 422).
            var (_, title, detail, _) = ProblemMapping.Classify(e);
            return Refused($"{title}: {detail}");
        }
    }

    /// <summary>Checks the archive from its directory before anything is inflated: entry count, the photos' count and
    /// declared sizes, each entry's compression ratio, and that the entries do not overlap (their compressed sizes fit
    /// in the file). Each photo is then inflated no further than its declared size.</summary>
    private static ZipArchive OpenZip(Stream stream, LimitsOptions max)
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

    private static List<Part> ZipParts(ZipArchive archive, long archiveBytes, LimitsOptions max)
    {
        IReadOnlyList<ZipArchiveEntry> all;
        try { all = archive.Entries; }
        catch (InvalidDataException e) { throw Damaged(e.Message); }
        if (all.Count > max.MaxZipEntries) throw AlbumRefusedException.TooLarge($"the ZIP has {all.Count:N0} entries; the limit is {max.MaxZipEntries:N0}");
        if (all.Sum(e => e.CompressedLength) > archiveBytes)
            throw AlbumRefusedException.Bomb("its entries overlap (their compressed sizes add up to more than the file): the archive is refused as a ZIP bomb");

        var parts = all.Select(entry => new Part(entry.FullName, entry.Length, c => InflateAsync(entry, c), SkipReason(entry.FullName))).ToList();
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

    private static string AlbumName(string? name, IReadOnlyList<AlbumEntry> entries)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0) trimmed = $"{entries.Count(e => e.Status == AlbumEntryStatus.Pending)} photos";
        return trimmed.Length > MaxNameLength ? trimmed[..MaxNameLength] : trimmed;
    }

    private static async Task<bool> IsZipAsync(IFormFile file, CancellationToken ct)
    {
        if (file.Length < 4) return false;
        var magic = new byte[4];
        await using var stream = file.OpenReadStream();
        await stream.ReadExactlyAsync(magic, ct);
        return magic is [(byte)'P', (byte)'K', 3 or 5 or 7, 4 or 6 or 8];
    }
}
