using System.Text.Json;
using ColorPix.Core.Models;
using Dapper;

namespace ColorPix.Web.Storage.Metadata;

internal sealed class SqlModelRegistry(IDbConnectionFactory connections) : SqlStore(connections), IModelRegistry
{
    private const string Columns = """
        id AS Id, kind AS Kind, version AS Version, path AS Path, checkpoint_key AS CheckpointKey, sha256 AS Sha256, run_id AS RunId,
        dataset AS Dataset, metrics_json AS MetricsJson, evaluated_on AS EvaluatedOn, status AS Status, mlflow_version AS MlflowVersion,
        registered_at AS RegisteredAt, champion_since AS ChampionSince
        """;

    private const string Key = "kind = @Kind AND version = @Version";

    public async Task<ModelRecord> UpsertAsync(ModelRegistration model, CancellationToken cancellationToken)
    {
        EnsureJsonObject(model.MetricsJson);
        var sql = $"""
            INSERT INTO models (kind, version, path, checkpoint_key, sha256, run_id, dataset, metrics_json, evaluated_on, status, registered_at)
            VALUES (@Kind, @Version, @Path, @CheckpointKey, @Sha256, @RunId, @Dataset, @MetricsJson, @EvaluatedOn, 'challenger', @RegisteredAt)
            ON CONFLICT (kind, version) DO UPDATE SET path = excluded.path, metrics_json = excluded.metrics_json,
                checkpoint_key = COALESCE(excluded.checkpoint_key, models.checkpoint_key), sha256 = COALESCE(excluded.sha256, models.sha256),
                run_id = COALESCE(excluded.run_id, models.run_id), dataset = COALESCE(excluded.dataset, models.dataset),
                evaluated_on = COALESCE(excluded.evaluated_on, models.evaluated_on)
            RETURNING {Columns}
            """;
        var row = await WithConnectionAsync(c => c.QuerySingleAsync<ModelRow>(Command(sql, new
        {
            Kind = model.Kind.Name(), model.Version, model.Path, model.CheckpointKey, model.Sha256, model.RunId, model.Dataset,
            model.MetricsJson, model.EvaluatedOn, RegisteredAt = Time(model.RegisteredAt),
        }, cancellationToken)), cancellationToken);
        return row.ToRecord();
    }

    public async Task<IReadOnlyList<ModelRecord>> ListAsync(CancellationToken cancellationToken)
    {
        var rows = await WithConnectionAsync(c => c.QueryAsync<ModelRow>(Command(
            $"SELECT {Columns} FROM models ORDER BY kind, registered_at DESC, id DESC", null, cancellationToken)), cancellationToken);
        return rows.Select(r => r.ToRecord()).ToList();
    }

    public async Task<ModelRecord?> GetAsync(ModelKind kind, string version, CancellationToken cancellationToken)
    {
        var row = await WithConnectionAsync(c => c.QuerySingleOrDefaultAsync<ModelRow>(Command(
            $"SELECT {Columns} FROM models WHERE {Key}", new { Kind = kind.Name(), Version = version }, cancellationToken)), cancellationToken);
        return row?.ToRecord();
    }

    public async Task<ModelRecord?> GetChampionAsync(ModelKind kind, CancellationToken cancellationToken)
    {
        var row = await WithConnectionAsync(c => c.QuerySingleOrDefaultAsync<ModelRow>(Command(
            $"SELECT {Columns} FROM models WHERE kind = @Kind AND status = 'champion'", new { Kind = kind.Name() }, cancellationToken)), cancellationToken);
        return row?.ToRecord();
    }

    public async Task<bool> SetChampionAsync(ModelKind kind, string version, DateTimeOffset at, CancellationToken cancellationToken, bool onlyIfNone = false)
    {
        try
        {
            return await InTransactionAsync(async (connection, transaction) =>
            {
                var key = new { Kind = kind.Name(), Version = version };
                var id = await connection.ExecuteScalarAsync<long?>(Command($"SELECT id FROM models WHERE {Key}", key, cancellationToken, transaction));
                if (id is null) return false;
                if (onlyIfNone && await connection.ExecuteScalarAsync<long>(Command(
                        "SELECT COUNT(*) FROM models WHERE kind = @Kind AND status = 'champion'", key, cancellationToken, transaction)) > 0)
                    return false;
                // Retire first: the unique index on champions allows one per kind at every step.
                await connection.ExecuteAsync(Command("UPDATE models SET status = 'retired' WHERE kind = @Kind AND status = 'champion' AND id <> @Id",
                    new { key.Kind, Id = id }, cancellationToken, transaction));
                await connection.ExecuteAsync(Command("UPDATE models SET status = 'champion', champion_since = COALESCE(CASE WHEN status = 'champion' THEN champion_since END, @At) WHERE id = @Id",
                    new { Id = id, At = Time(at) }, cancellationToken, transaction));
                return true;
            }, cancellationToken);
        }
        catch (System.Data.Common.DbException e) when (onlyIfNone && SqlDialect.IsUniqueViolation(e))
        {
            return false; // another replica crowned one at the same moment
        }
    }

    public async Task<bool> SetStatusAsync(ModelKind kind, string version, VersionStatus status, CancellationToken cancellationToken)
    {
        if (status == VersionStatus.Champion) throw new ArgumentException("use SetChampionAsync to crown a version", nameof(status));
        return await WithConnectionAsync(c => c.ExecuteAsync(Command($"UPDATE models SET status = @Status WHERE {Key} AND status <> 'champion'",
            new { Kind = kind.Name(), Version = version, Status = Name(status) }, cancellationToken)), cancellationToken) == 1;
    }

    public Task SetMlflowVersionAsync(ModelKind kind, string version, int mlflowVersion, CancellationToken cancellationToken) =>
        WithConnectionAsync(c => c.ExecuteAsync(Command($"UPDATE models SET mlflow_version = @MlflowVersion WHERE {Key}",
            new { Kind = kind.Name(), Version = version, MlflowVersion = mlflowVersion }, cancellationToken)), cancellationToken);

    internal static string Name(VersionStatus status) => status.ToString().ToLowerInvariant();

    private static void EnsureJsonObject(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind == JsonValueKind.Object) return;
        }
        catch (JsonException) { }
        throw new ArgumentException("the metrics must be a JSON object", nameof(json));
    }

    private sealed class ModelRow
    {
        public long Id { get; init; }
        public string Kind { get; init; } = "";
        public string Version { get; init; } = "";
        public string Path { get; init; } = "";
        public string? CheckpointKey { get; init; }
        public string? Sha256 { get; init; }
        public string? RunId { get; init; }
        public string? Dataset { get; init; }
        public string MetricsJson { get; init; } = "";
        public string? EvaluatedOn { get; init; }
        public string Status { get; init; } = "";
        public long? MlflowVersion { get; init; }
        public object RegisteredAt { get; init; } = "";
        public object? ChampionSince { get; init; }

        public ModelRecord ToRecord() => new(Id, ModelKinds.Parse(Kind), Version, Path, CheckpointKey, Sha256, RunId, Dataset, MetricsJson,
            EvaluatedOn, Enum.Parse<VersionStatus>(Status, ignoreCase: true), (int?)MlflowVersion, SqlDialect.ReadTimestamp(RegisteredAt),
            ChampionSince is null ? null : SqlDialect.ReadTimestamp(ChampionSince));
    }
}
