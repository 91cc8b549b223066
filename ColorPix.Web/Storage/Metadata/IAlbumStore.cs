namespace ColorPix.Web.Storage.Metadata;

/// <summary>
/// The albums and their entries. Reads and deletions take the owner, like <see cref="IImageStore"/>: another user's
/// album answers like a missing one. The pending entries are the album worker's queue (claimed by lease).
/// </summary>
public interface IAlbumStore
{
    /// <summary>Writes the album with all its entries in one transaction; the photos' images exist already.
    /// Pending entries are due at once.</summary>
    Task AddAsync(AlbumRecord album, IReadOnlyList<AlbumEntry> entries, CancellationToken cancellationToken);

    /// <summary>The album and its entries by position; null when it is missing or someone else's.</summary>
    Task<(AlbumRecord Album, IReadOnlyList<AlbumEntry> Entries)?> GetForOwnerAsync(long ownerId, Guid albumId, CancellationToken cancellationToken);

    /// <summary>The owner's albums, newest first, with their counts.</summary>
    Task<AlbumPage> ListForOwnerAsync(long ownerId, int offset, int limit, CancellationToken cancellationToken);

    /// <summary>The owner's photos still waiting in albums.</summary>
    Task<int> CountPendingAsync(long ownerId, CancellationToken cancellationToken);

    /// <summary>Claims the oldest album's first due pending entry until <paramref name="leaseUntil"/> and counts the
    /// attempt; null when nothing is due. Of two workers, only one gets an entry.</summary>
    Task<AlbumWork?> ClaimNextAsync(DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken);

    /// <summary>Ends a claimed entry: <see cref="AlbumEntryStatus.Done"/> or <see cref="AlbumEntryStatus.Failed"/>.</summary>
    Task FinishAsync(AlbumWork work, AlbumEntryStatus status, string? problem, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Gives a claimed entry back, due again at <paramref name="retryAt"/> (the service was busy).</summary>
    Task RetryLaterAsync(AlbumWork work, string problem, DateTimeOffset retryAt, CancellationToken cancellationToken);

    /// <summary>Deletes the album and its entries (its photos stay in the history); false when it is missing or someone else's.</summary>
    Task<bool> DeleteAsync(long ownerId, Guid albumId, CancellationToken cancellationToken);
}
