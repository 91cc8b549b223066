using System.Text.Json;
using ColorPix.Core.Models;
using Dapper;

namespace ColorPix.Web.Storage.Metadata;

internal sealed class SqlModelRegistry(IDbConnectionFactory connections) : SqlStore(connections), IModelRegistry
{
    private const string Columns = """
        id AS Id, kind AS Kind, version AS Version, path AS Path, metrics_json AS MetricsJson, is_active AS IsActive,
        registered_at AS RegisteredAt
        """;

    public async Task<ModelRecord> UpsertAsync(ModelRegistration model, CancellationToken cancellationToken)
    {
        EnsureJsonObject(model.MetricsJson);
        var sql = $"""
            INSERT INTO models (kind, version, path, metrics_json, is_active, registered_at)
            VALUES (@Kind, @Version, @Path, @MetricsJson, @IsActive, @RegisteredAt)
            ON CONFLICT (kind, version) DO UPDATE SET path = excluded.path, metrics_json = excluded.metrics_json
            RETURNING {Columns}
            """;
        var row = await WithConnectionAsync(c => c.QuerySingleAsync<ModelRow>(Command(sql, new
        {
            Kind = model.Kind.Name(), model.Version, model.Path, model.MetricsJson, IsActive = false, RegisteredAt = Time(model.RegisteredAt),
        }, cancellationToken)), cancellationToken);
        return row.ToRecord();
    }

    public async Task<IReadOnlyList<ModelRecord>> ListAsync(CancellationToken cancellationToken)
    {
        var rows = await WithConnectionAsync(c => c.QueryAsync<ModelRow>(Command(
            $"SELECT {Columns} FROM models ORDER BY kind, registered_at DESC, id DESC", null, cancellationToken)), cancellationToken);
        return rows.Select(r => r.ToRecord()).ToList();
    }

    public Task<bool> SetActiveAsync(ModelKind kind, string version, CancellationToken cancellationToken) =>
        InTransactionAsync(async (connection, transaction) =>
        {
            var key = new { Kind = kind.Name(), Version = version };
            var id = await connection.ExecuteScalarAsync<long?>(Command(
                "SELECT id FROM models WHERE kind = @Kind AND version = @Version", key, cancellationToken, transaction));
            if (id is null) return false;
            // Deactivate first: the unique index on active rows allows one per kind at every step.
            await connection.ExecuteAsync(Command("UPDATE models SET is_active = @No WHERE kind = @Kind AND is_active",
                new { key.Kind, No = false }, cancellationToken, transaction));
            await connection.ExecuteAsync(Command("UPDATE models SET is_active = @Yes WHERE id = @Id",
                new { Id = id, Yes = true }, cancellationToken, transaction));
            return true;
        }, cancellationToken);

    public async Task<ModelRecord?> GetActiveAsync(ModelKind kind, CancellationToken cancellationToken)
    {
        var row = await WithConnectionAsync(c => c.QuerySingleOrDefaultAsync<ModelRow>(Command(
            $"SELECT {Columns} FROM models WHERE kind = @Kind AND is_active", new { Kind = kind.Name() }, cancellationToken)), cancellationToken);
        return row?.ToRecord();
    }

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
        public string MetricsJson { get; init; } = "";
        public bool IsActive { get; init; }
        public object RegisteredAt { get; init; } = "";

        public ModelRecord ToRecord() => new(Id, ModelKinds.Parse(Kind), Version, Path, MetricsJson, IsActive,
            SqlDialect.ReadTimestamp(RegisteredAt));
    }
}
