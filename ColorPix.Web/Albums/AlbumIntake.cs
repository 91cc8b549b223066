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
            using var archive = AlbumZip.Open(stream, max);
            return await StoreAsync(owner, AlbumZip.Parts(archive, stream.Length, max), consent, name ?? Path.GetFileNameWithoutExtension(files[0].FileName), ct);
        }
        var parts = new List<AlbumPart>();
        foreach (var file in files)
            parts.Add(new AlbumPart(file.FileName, file.Length, c => PhotoIntake.ReadAsync(file, c),
                await IsZipAsync(file, ct) ? "a ZIP is sent on its own, not among photos" : null));
        return await StoreAsync(owner, parts, consent, name, ct);
    }

    private async Task<(AlbumRecord, IReadOnlyList<AlbumEntry>)> StoreAsync(UserAccount owner, IReadOnlyList<AlbumPart> parts, bool? consent, string? name,
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

    private async Task<AlbumEntry> AcceptAsync(UserAccount owner, AlbumPart part, int position, bool? consent, CancellationToken ct)
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
