using Dapper;

namespace ColorPix.Web.Storage.Metadata;

internal sealed class SqlImageStore(IDbConnectionFactory connections) : SqlStore(connections), IImageStore
{
    private const string Columns = """
        id AS Id, owner_id AS OwnerId, original_key AS OriginalKey, thumbnail_key AS ThumbnailKey,
        original_format AS OriginalFormat, width AS Width, height AS Height, byte_size AS ByteSize, sha256 AS Sha256,
        was_grayscale AS WasGrayscale, consent AS Consent, created_at AS CreatedAt,
        COALESCE(consent_changed_at, created_at) AS ConsentChangedAt
        """;

    private const string OwnedImage = "owner_id = @OwnerId AND id = @ImageId";

    public Task AddAsync(ImageRecord image, CancellationToken cancellationToken)
    {
        const string sql = """
            INSERT INTO images (id, owner_id, original_key, thumbnail_key, original_format, width, height, byte_size,
                                sha256, was_grayscale, consent, created_at, consent_changed_at)
            VALUES (@Id, @OwnerId, @OriginalKey, @ThumbnailKey, @OriginalFormat, @Width, @Height, @ByteSize,
                    @Sha256, @WasGrayscale, @Consent, @CreatedAt, @ConsentChangedAt)
            """;
        return WithConnectionAsync(c => c.ExecuteAsync(Command(sql, new
        {
            Id = IdText(image.Id), image.OwnerId, image.OriginalKey, image.ThumbnailKey, image.OriginalFormat, image.Width,
            image.Height, image.ByteSize, image.Sha256, image.WasGrayscale, image.Consent, CreatedAt = Time(image.CreatedAt),
            ConsentChangedAt = Time(image.ConsentChangedAt),
        }, cancellationToken)), cancellationToken);
    }

    public async Task<ImageRecord?> GetForOwnerAsync(long ownerId, Guid imageId, CancellationToken cancellationToken)
    {
        var row = await WithConnectionAsync(c => c.QuerySingleOrDefaultAsync<ImageRow>(Command(
            $"SELECT {Columns} FROM images WHERE {OwnedImage}", Owned(ownerId, imageId), cancellationToken)), cancellationToken);
        return row?.ToRecord();
    }

    public Task<ImagePage> ListForOwnerAsync(long ownerId, int offset, int limit, CancellationToken cancellationToken) =>
        PageAsync("owner_id = @OwnerId", "created_at DESC, id DESC", new { OwnerId = ownerId }, offset, limit, cancellationToken);

    public Task<ImagePage> ListConsentedAsync(int offset, int limit, CancellationToken cancellationToken) =>
        PageAsync("consent", "created_at, id", null, offset, limit, cancellationToken);

    // The CASE reads the row's old consent (SET sees the values before the update): setting the same value again keeps the time.
    public async Task<bool> SetConsentAsync(long ownerId, Guid imageId, bool consent, DateTimeOffset changedAt, CancellationToken cancellationToken) =>
        await WithConnectionAsync(c => c.ExecuteAsync(Command($"""
            UPDATE images SET consent_changed_at = CASE WHEN consent = @Consent THEN consent_changed_at ELSE @ChangedAt END,
                              consent = @Consent
            WHERE {OwnedImage}
            """, new { OwnerId = ownerId, ImageId = IdText(imageId), Consent = consent, ChangedAt = Time(changedAt) }, cancellationToken)),
            cancellationToken) == 1;

    public Task<DeletedObjects?> DeleteAsync(long ownerId, Guid imageId, CancellationToken cancellationToken) =>
        InTransactionAsync<DeletedObjects?>(async (connection, transaction) =>
        {
            var parameters = Owned(ownerId, imageId);
            var keys = await connection.QueryAsync<string>(Command(
                ObjectKeySql.KeysOfImages("i.owner_id = @OwnerId AND i.id = @ImageId"), parameters, cancellationToken, transaction));
            var deleted = await connection.ExecuteAsync(Command($"DELETE FROM images WHERE {OwnedImage}", parameters, cancellationToken, transaction));
            return deleted == 0 ? null : new DeletedObjects(keys.ToList());
        }, cancellationToken);

    /// <summary>Ids are stored as text on both backends; "D" is the one spelling written and queried.</summary>
    internal static string IdText(Guid id) => id.ToString("D");

    private static object Owned(long ownerId, Guid imageId) => new { OwnerId = ownerId, ImageId = IdText(imageId) };

    private Task<ImagePage> PageAsync(string filter, string order, object? parameters, int offset, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, ImageStoreLimits.MaxPageSize);
        var args = new DynamicParameters(parameters);
        args.Add("Offset", offset);
        args.Add("Limit", limit);
        return WithConnectionAsync(async c =>
        {
            var total = await c.ExecuteScalarAsync<long>(Command($"SELECT COUNT(*) FROM images WHERE {filter}", args, cancellationToken));
            var rows = await c.QueryAsync<ImageRow>(Command(
                $"SELECT {Columns} FROM images WHERE {filter} ORDER BY {order} LIMIT @Limit OFFSET @Offset", args, cancellationToken));
            return new ImagePage(rows.Select(r => r.ToRecord()).ToList(), total, offset, limit);
        }, cancellationToken);
    }

    private sealed class ImageRow
    {
        public string Id { get; init; } = "";
        public long OwnerId { get; init; }
        public string OriginalKey { get; init; } = "";
        public string ThumbnailKey { get; init; } = "";
        public string OriginalFormat { get; init; } = "";
        public int Width { get; init; }
        public int Height { get; init; }
        public long ByteSize { get; init; }
        public string Sha256 { get; init; } = "";
        public bool WasGrayscale { get; init; }
        public bool Consent { get; init; }
        public object CreatedAt { get; init; } = "";
        public object ConsentChangedAt { get; init; } = "";

        public ImageRecord ToRecord() => new(Guid.Parse(Id), OwnerId, OriginalKey, ThumbnailKey, OriginalFormat, Width, Height, ByteSize,
            Sha256, WasGrayscale, Consent, SqlDialect.ReadTimestamp(CreatedAt), SqlDialect.ReadTimestamp(ConsentChangedAt));
    }
}
