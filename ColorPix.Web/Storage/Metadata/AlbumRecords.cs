namespace ColorPix.Web.Storage.Metadata;

/// <summary>A batch of one user's photos. The id is chosen by the caller, like an image's.</summary>
public sealed record AlbumRecord(Guid Id, long OwnerId, string Name, DateTimeOffset CreatedAt);

/// <summary>Pending: waiting for the album worker. Done / Failed: colorized, or given up on (see the problem).
/// Refused: not accepted as a photo (its problem says why, as a single upload's would). Skipped: not a photo at all
/// (a folder, a hidden or system file), never read.</summary>
public enum AlbumEntryStatus { Pending, Done, Failed, Refused, Skipped }

/// <summary>One entry of the upload, by its position in it. <paramref name="Name"/> is the name the client gave,
/// shown to people and turned into download names, never used as a path.</summary>
public sealed record AlbumEntry(int Position, string Name, Guid? ImageId, AlbumEntryStatus Status, string? Problem, int Attempts,
    DateTimeOffset? FinishedAt);

public sealed record AlbumCounts(int Pending, int Done, int Failed, int Refused, int Skipped)
{
    /// <summary>The photos accepted for colorization.</summary>
    public int Photos => Pending + Done + Failed;
}

public sealed record AlbumSummary(AlbumRecord Album, AlbumCounts Counts);

public sealed record AlbumPage(IReadOnlyList<AlbumSummary> Items, long Total, int Offset, int Limit);

/// <summary>A pending entry a worker has claimed until its lease ends.</summary>
public sealed record AlbumWork(Guid AlbumId, int Position, long OwnerId, Guid ImageId, int Attempts);

public static class AlbumEntryStatuses
{
    public static string Name(this AlbumEntryStatus status) => status.ToString().ToLowerInvariant();

    public static AlbumEntryStatus Parse(string text) => Enum.Parse<AlbumEntryStatus>(text, ignoreCase: true);
}
