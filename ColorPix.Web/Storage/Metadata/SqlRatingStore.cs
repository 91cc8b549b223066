using ColorPix.Core.Models;
using Dapper;

namespace ColorPix.Web.Storage.Metadata;

internal sealed class SqlRatingStore(IDbConnectionFactory connections) : SqlStore(connections), IRatingStore
{
    public async Task<bool> UpsertAsync(long userId, Guid imageId, ModelKind model, int stars, DateTimeOffset ratedAt,
        CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(stars, IRatingStore.MinStars);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(stars, IRatingStore.MaxStars);
        // The SELECT inserts nothing unless the colorization exists on an image of this user: one statement both
        // checks ownership and writes, so there is no window between the two.
        const string sql = """
            INSERT INTO ratings (user_id, image_id, model_kind, stars, rated_at)
            SELECT @UserId, c.image_id, c.model_kind, @Stars, @RatedAt
            FROM colorizations c JOIN images i ON i.id = c.image_id
            WHERE c.image_id = @ImageId AND c.model_kind = @Model AND i.owner_id = @UserId
            ON CONFLICT (user_id, image_id, model_kind) DO UPDATE SET stars = excluded.stars, rated_at = excluded.rated_at
            """;
        var written = await WithConnectionAsync(c => c.ExecuteAsync(Command(sql, new
        {
            UserId = userId, ImageId = SqlImageStore.IdText(imageId), Model = model.Name(), Stars = stars, RatedAt = Time(ratedAt),
        }, cancellationToken)), cancellationToken);
        return written == 1;
    }

    public Task<int?> GetAsync(long userId, Guid imageId, ModelKind model, CancellationToken cancellationToken) =>
        WithConnectionAsync(c => c.ExecuteScalarAsync<int?>(Command(
            "SELECT stars FROM ratings WHERE user_id = @UserId AND image_id = @ImageId AND model_kind = @Model",
            new { UserId = userId, ImageId = SqlImageStore.IdText(imageId), Model = model.Name() }, cancellationToken)), cancellationToken);

    public async Task<IReadOnlyList<RatingSummary>> SummarizeByModelAsync(CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT model_kind AS Model, AVG(CAST(stars AS DOUBLE PRECISION)) AS MeanStars, COUNT(*) AS Count
            FROM ratings GROUP BY model_kind ORDER BY model_kind
            """;
        var rows = await WithConnectionAsync(c => c.QueryAsync<SummaryRow>(Command(sql, null, cancellationToken)), cancellationToken);
        return rows.Select(r => new RatingSummary(ModelKinds.Parse(r.Model), r.MeanStars, r.Count)).ToList();
    }

    public async Task<IReadOnlyList<VersionRatingSummary>> SummarizeByVersionAsync(CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT r.model_kind AS Model, c.model_version AS Version, AVG(CAST(r.stars AS DOUBLE PRECISION)) AS MeanStars, COUNT(*) AS Count
            FROM ratings r JOIN colorizations c ON c.image_id = r.image_id AND c.model_kind = r.model_kind
            GROUP BY r.model_kind, c.model_version ORDER BY r.model_kind, c.model_version
            """;
        var rows = await WithConnectionAsync(c => c.QueryAsync<SummaryRow>(Command(sql, null, cancellationToken)), cancellationToken);
        return rows.Select(r => new VersionRatingSummary(ModelKinds.Parse(r.Model), r.Version, r.MeanStars, r.Count)).ToList();
    }

    private sealed class SummaryRow
    {
        public string Model { get; init; } = "";
        public string Version { get; init; } = "";
        public double MeanStars { get; init; }
        public long Count { get; init; }
    }
}
