using Dapper;

namespace ColorPix.Web.Storage.Metadata;

internal sealed class SqlAlbumStore(IDbConnectionFactory connections) : SqlStore(connections), IAlbumStore
{
    private const string AlbumColumns = "a.id AS Id, a.owner_id AS OwnerId, a.name AS Name, a.created_at AS CreatedAt";

    private const string EntryColumns = """
        position AS Position, name AS Name, image_id AS ImageId, status AS Status, problem AS Problem, attempts AS Attempts,
        finished_at AS FinishedAt
        """;

    private const string OneEntry = "album_id = @AlbumId AND position = @Position";

    public Task AddAsync(AlbumRecord album, IReadOnlyList<AlbumEntry> entries, CancellationToken cancellationToken) =>
        InTransactionAsync(async (connection, transaction) =>
        {
            var id = SqlImageStore.IdText(album.Id);
            await connection.ExecuteAsync(Command(
                "INSERT INTO albums (id, owner_id, name, created_at) VALUES (@Id, @OwnerId, @Name, @CreatedAt)",
                new { Id = id, album.OwnerId, album.Name, CreatedAt = Time(album.CreatedAt) }, cancellationToken, transaction));
            await connection.ExecuteAsync(Command("""
                INSERT INTO album_entries (album_id, position, name, image_id, status, problem, attempts, next_attempt_at, finished_at)
                VALUES (@AlbumId, @Position, @Name, @ImageId, @Status, @Problem, 0, @Due, @FinishedAt)
                """, entries.Select(e => new
            {
                AlbumId = id, e.Position, e.Name, ImageId = e.ImageId is { } image ? SqlImageStore.IdText(image) : null, Status = e.Status.Name(),
                e.Problem, Due = Time(album.CreatedAt), FinishedAt = e.Status == AlbumEntryStatus.Pending ? null : Time(album.CreatedAt),
            }), cancellationToken, transaction));
            return true;
        }, cancellationToken);

    public async Task<(AlbumRecord Album, IReadOnlyList<AlbumEntry> Entries)?> GetForOwnerAsync(long ownerId, Guid albumId, CancellationToken cancellationToken)
    {
        var key = new { OwnerId = ownerId, AlbumId = SqlImageStore.IdText(albumId) };
        return await WithConnectionAsync<(AlbumRecord, IReadOnlyList<AlbumEntry>)?>(async c =>
        {
            var album = await c.QuerySingleOrDefaultAsync<AlbumRow>(Command(
                $"SELECT {AlbumColumns} FROM albums a WHERE a.owner_id = @OwnerId AND a.id = @AlbumId", key, cancellationToken));
            if (album is null) return null;
            var entries = await c.QueryAsync<EntryRow>(Command(
                $"SELECT {EntryColumns} FROM album_entries WHERE album_id = @AlbumId ORDER BY position", key, cancellationToken));
            return (album.ToRecord(), entries.Select(e => e.ToEntry()).ToList());
        }, cancellationToken);
    }

    public Task<AlbumPage> ListForOwnerAsync(long ownerId, int offset, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, ImageStoreLimits.MaxPageSize);
        static string Count(AlbumEntryStatus status) =>
            $"COALESCE(SUM(CASE WHEN e.status = '{status.Name()}' THEN 1 ELSE 0 END), 0) AS {status}";
        var counts = string.Join(", ", Enum.GetValues<AlbumEntryStatus>().Select(Count));
        var args = new { OwnerId = ownerId, Offset = offset, Limit = limit };
        return WithConnectionAsync(async c =>
        {
            var total = await c.ExecuteScalarAsync<long>(Command("SELECT COUNT(*) FROM albums WHERE owner_id = @OwnerId", args, cancellationToken));
            var rows = await c.QueryAsync<AlbumRow>(Command($"""
                SELECT {AlbumColumns}, {counts}
                FROM albums a LEFT JOIN album_entries e ON e.album_id = a.id
                WHERE a.owner_id = @OwnerId
                GROUP BY a.id, a.owner_id, a.name, a.created_at
                ORDER BY a.created_at DESC, a.id DESC LIMIT @Limit OFFSET @Offset
                """, args, cancellationToken));
            return new AlbumPage(rows.Select(r => new AlbumSummary(r.ToRecord(), r.ToCounts())).ToList(), total, offset, limit);
        }, cancellationToken);
    }

    public Task<int> CountPendingAsync(long ownerId, CancellationToken cancellationToken) =>
        WithConnectionAsync(c => c.ExecuteScalarAsync<int>(Command("""
            SELECT COUNT(*) FROM album_entries e JOIN albums a ON a.id = e.album_id WHERE a.owner_id = @OwnerId AND e.status = 'pending'
            """, new { OwnerId = ownerId }, cancellationToken)), cancellationToken);

    // Ordered by position before album: the albums waiting take turns, so a small album is not stuck behind a large one.
    public async Task<AlbumWork?> ClaimNextAsync(DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        var due = await WithConnectionAsync(c => c.QueryAsync<WorkRow>(Command("""
            SELECT e.album_id AS AlbumId, e.position AS Position, a.owner_id AS OwnerId, e.image_id AS ImageId, e.attempts AS Attempts,
                   e.next_attempt_at AS Seen
            FROM album_entries e JOIN albums a ON a.id = e.album_id
            WHERE e.status = 'pending' AND e.next_attempt_at <= @Now
            ORDER BY e.position, a.created_at, a.id LIMIT 8
            """, new { Now = Time(now) }, cancellationToken)), cancellationToken);
        foreach (var row in due)
        {
            // Moving next_attempt_at from the value read is the claim: of two workers, one UPDATE matches.
            var won = await WithConnectionAsync(c => c.ExecuteAsync(Command($"""
                UPDATE album_entries SET next_attempt_at = @Lease, attempts = attempts + 1
                WHERE {OneEntry} AND status = 'pending' AND next_attempt_at = @Seen
                """, new { row.AlbumId, row.Position, Lease = Time(leaseUntil), row.Seen }, cancellationToken)), cancellationToken);
            if (won == 1) return new AlbumWork(Guid.Parse(row.AlbumId), (int)row.Position, row.OwnerId, Guid.Parse(row.ImageId), (int)row.Attempts + 1);
        }
        return null;
    }

    public Task FinishAsync(AlbumWork work, AlbumEntryStatus status, string? problem, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (status is not (AlbumEntryStatus.Done or AlbumEntryStatus.Failed)) throw new ArgumentOutOfRangeException(nameof(status), status, "an entry ends done or failed");
        return WithConnectionAsync(c => c.ExecuteAsync(Command(
            $"UPDATE album_entries SET status = @Status, problem = @Problem, finished_at = @At WHERE {OneEntry} AND status = 'pending'",
            new { AlbumId = SqlImageStore.IdText(work.AlbumId), work.Position, Status = status.Name(), Problem = problem, At = Time(at) },
            cancellationToken)), cancellationToken);
    }

    public Task RetryLaterAsync(AlbumWork work, string problem, DateTimeOffset retryAt, CancellationToken cancellationToken) =>
        WithConnectionAsync(c => c.ExecuteAsync(Command(
            $"UPDATE album_entries SET problem = @Problem, next_attempt_at = @RetryAt WHERE {OneEntry} AND status = 'pending'",
            new { AlbumId = SqlImageStore.IdText(work.AlbumId), work.Position, Problem = problem, RetryAt = Time(retryAt) },
            cancellationToken)), cancellationToken);

    public async Task<bool> DeleteAsync(long ownerId, Guid albumId, CancellationToken cancellationToken) =>
        await WithConnectionAsync(c => c.ExecuteAsync(Command("DELETE FROM albums WHERE owner_id = @OwnerId AND id = @AlbumId",
            new { OwnerId = ownerId, AlbumId = SqlImageStore.IdText(albumId) }, cancellationToken)), cancellationToken) == 1;

    private sealed class AlbumRow
    {
        public string Id { get; init; } = "";
        public long OwnerId { get; init; }
        public string Name { get; init; } = "";
        public object CreatedAt { get; init; } = "";
        public long Pending { get; init; }
        public long Done { get; init; }
        public long Failed { get; init; }
        public long Refused { get; init; }
        public long Skipped { get; init; }

        public AlbumRecord ToRecord() => new(Guid.Parse(Id), OwnerId, Name, SqlDialect.ReadTimestamp(CreatedAt));

        public AlbumCounts ToCounts() => new((int)Pending, (int)Done, (int)Failed, (int)Refused, (int)Skipped);
    }

    private sealed class EntryRow
    {
        public long Position { get; init; }
        public string Name { get; init; } = "";
        public string? ImageId { get; init; }
        public string Status { get; init; } = "";
        public string? Problem { get; init; }
        public long Attempts { get; init; }
        public object? FinishedAt { get; init; }

        public AlbumEntry ToEntry() => new((int)Position, Name, ImageId is null ? null : Guid.Parse(ImageId), AlbumEntryStatuses.Parse(Status), Problem,
            (int)Attempts, FinishedAt is null ? null : SqlDialect.ReadTimestamp(FinishedAt));
    }

    private sealed class WorkRow
    {
        public string AlbumId { get; init; } = "";
        public long Position { get; init; }
        public long OwnerId { get; init; }
        public string ImageId { get; init; } = "";
        public long Attempts { get; init; }
        public object Seen { get; init; } = "";
    }
}
