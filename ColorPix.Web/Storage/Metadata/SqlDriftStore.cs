using System.Text.Json;
using ColorPix.Core.Metrics;
using Dapper;

namespace ColorPix.Web.Storage.Metadata;

internal sealed class SqlDriftStore(IDbConnectionFactory connections) : SqlStore(connections), IDriftStore
{
    private const string ReportColumns = """
        id AS Id, checked_at AS CheckedAt, reference AS Reference, window_size AS WindowSize, worst_psi AS WorstPsi, major AS Major,
        features_json AS FeaturesJson
        """;

    public Task AddFeaturesAsync(DriftFeatures features, DateTimeOffset at, CancellationToken cancellationToken) =>
        WithConnectionAsync(c => c.ExecuteAsync(Command("INSERT INTO upload_features (created_at, features_json) VALUES (@At, @Json)",
            new { At = Time(at), Json = JsonSerializer.Serialize(features.Values) }, cancellationToken)), cancellationToken);

    public async Task<IReadOnlyList<DriftFeatures>> RecentFeaturesAsync(int limit, CancellationToken cancellationToken)
    {
        var rows = await WithConnectionAsync(c => c.QueryAsync<string>(Command(
            "SELECT features_json FROM upload_features ORDER BY created_at DESC, id DESC LIMIT @Limit", new { Limit = limit }, cancellationToken)), cancellationToken);
        return rows.Select(json => DriftFeatures.FromValues(JsonSerializer.Deserialize<double[]>(json)!)).ToList();
    }

    public async Task<DriftReport> AddReportAsync(DateTimeOffset at, string reference, int windowSize, bool major, IReadOnlyList<FeatureDrift> features,
        CancellationToken cancellationToken)
    {
        var sql = $"""
            INSERT INTO drift_reports (checked_at, reference, window_size, worst_psi, major, features_json)
            VALUES (@At, @Reference, @WindowSize, @WorstPsi, @Major, @Json) RETURNING {ReportColumns}
            """;
        return (await WithConnectionAsync(c => c.QuerySingleAsync<ReportRow>(Command(sql, new
        {
            At = Time(at), Reference = reference, WindowSize = windowSize, WorstPsi = features.Select(f => f.Psi).DefaultIfEmpty().Max(), Major = major,
            Json = JsonSerializer.Serialize(features),
        }, cancellationToken)), cancellationToken)).ToRecord();
    }

    public async Task<IReadOnlyList<DriftReport>> ListReportsAsync(int limit, CancellationToken cancellationToken)
    {
        var rows = await WithConnectionAsync(c => c.QueryAsync<ReportRow>(Command(
            $"SELECT {ReportColumns} FROM drift_reports ORDER BY checked_at DESC, id DESC LIMIT @Limit", new { Limit = limit }, cancellationToken)), cancellationToken);
        return rows.Select(r => r.ToRecord()).ToList();
    }

    private sealed class ReportRow
    {
        public long Id { get; init; }
        public object CheckedAt { get; init; } = "";
        public string Reference { get; init; } = "";
        public long WindowSize { get; init; }
        public double WorstPsi { get; init; }
        public bool Major { get; init; }
        public string FeaturesJson { get; init; } = "";

        public DriftReport ToRecord() => new(Id, SqlDialect.ReadTimestamp(CheckedAt), Reference, (int)WindowSize, WorstPsi, Major,
            JsonSerializer.Deserialize<List<FeatureDrift>>(FeaturesJson)!);
    }
}
