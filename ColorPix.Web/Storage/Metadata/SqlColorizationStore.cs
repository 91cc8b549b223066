using ColorPix.Core.Models;
using Dapper;

namespace ColorPix.Web.Storage.Metadata;

internal sealed class SqlColorizationStore(IDbConnectionFactory connections) : SqlStore(connections), IColorizationStore
{
    private const string Select = """
        SELECT c.id AS Id, c.image_id AS ImageId, c.model_kind AS Model, c.model_version AS ModelVersion,
               c.result_key AS ResultKey, c.result_thumbnail_key AS ResultThumbnailKey, c.duration_ms AS DurationMs,
               c.created_at AS CreatedAt
        FROM colorizations c JOIN images i ON i.id = c.image_id
        """;

    public Task<ColorizationRecord> AddAsync(NewColorization colorization, CancellationToken cancellationToken)
    {
        const string insert = """
            INSERT INTO colorizations (image_id, model_kind, model_version, result_key, result_thumbnail_key, duration_ms, created_at)
            VALUES (@ImageId, @Model, @ModelVersion, @ResultKey, @ResultThumbnailKey, @DurationMs, @CreatedAt)
            ON CONFLICT (image_id, model_kind) DO NOTHING
            """;
        var key = new { ImageId = SqlImageStore.IdText(colorization.ImageId), Model = colorization.Model.Name() };
        return WithConnectionAsync(async c =>
        {
            await c.ExecuteAsync(Command(insert, new
            {
                key.ImageId, key.Model, colorization.ModelVersion, colorization.ResultKey, colorization.ResultThumbnailKey,
                colorization.DurationMs, CreatedAt = Time(colorization.CreatedAt),
            }, cancellationToken));
            var row = await c.QuerySingleAsync<ColorizationRow>(Command(
                $"{Select} WHERE c.image_id = @ImageId AND c.model_kind = @Model", key, cancellationToken));
            return row.ToRecord();
        }, cancellationToken);
    }

    public Task<IReadOnlyList<ColorizationRecord>> ListForImageAsync(long ownerId, Guid imageId, CancellationToken cancellationToken) =>
        ListForImagesAsync(ownerId, [imageId], cancellationToken);

    public async Task<IReadOnlyList<ColorizationRecord>> ListForImagesAsync(long ownerId, IReadOnlyCollection<Guid> imageIds,
        CancellationToken cancellationToken)
    {
        if (imageIds.Count == 0) return [];
        var (list, parameters) = InList("Image", imageIds.Select(SqlImageStore.IdText));
        parameters.Add("OwnerId", ownerId);
        var rows = await WithConnectionAsync(c => c.QueryAsync<ColorizationRow>(Command(
            $"{Select} WHERE i.owner_id = @OwnerId AND c.image_id IN ({list}) ORDER BY c.image_id, c.model_kind", parameters,
            cancellationToken)), cancellationToken);
        return rows.Select(r => r.ToRecord()).ToList();
    }

    public async Task<ColorizationRecord?> GetAsync(long ownerId, Guid imageId, ModelKind model, CancellationToken cancellationToken)
    {
        var row = await WithConnectionAsync(c => c.QuerySingleOrDefaultAsync<ColorizationRow>(Command(
            $"{Select} WHERE i.owner_id = @OwnerId AND c.image_id = @ImageId AND c.model_kind = @Model",
            new { OwnerId = ownerId, ImageId = SqlImageStore.IdText(imageId), Model = model.Name() }, cancellationToken)), cancellationToken);
        return row?.ToRecord();
    }

    private sealed class ColorizationRow
    {
        public long Id { get; init; }
        public string ImageId { get; init; } = "";
        public string Model { get; init; } = "";
        public string ModelVersion { get; init; } = "";
        public string ResultKey { get; init; } = "";
        public string ResultThumbnailKey { get; init; } = "";
        public long DurationMs { get; init; }
        public object CreatedAt { get; init; } = "";

        public ColorizationRecord ToRecord() => new(Id, Guid.Parse(ImageId), ModelKinds.Parse(Model), ModelVersion, ResultKey,
            ResultThumbnailKey, DurationMs, SqlDialect.ReadTimestamp(CreatedAt));
    }
}
