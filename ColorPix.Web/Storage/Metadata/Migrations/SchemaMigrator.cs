using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ColorPix.Web.Storage.Metadata.Migrations;

/// <summary>
/// Brings the database to the latest schema at start. Each migration runs in its own transaction together with its
/// schema_version row, so a failure leaves the previous version intact; running again applies only what is missing.
/// Two processes starting together serialize on a lock (PostgreSQL advisory lock, SQLite write transaction).
/// </summary>
public sealed class SchemaMigrator(IDbConnectionFactory connections, ILogger<SchemaMigrator>? logger = null)
{
    private const long AdvisoryLockKey = 0x436f6c6f72506978; // "ColorPix"
    private readonly ILogger _logger = logger ?? NullLogger<SchemaMigrator>.Instance;

    /// <summary>Applies the pending migrations of <paramref name="migrations"/> (default: <see cref="SchemaMigrations.All"/>)
    /// and returns the versions applied by this call.</summary>
    public async Task<IReadOnlyList<int>> MigrateAsync(CancellationToken cancellationToken, IReadOnlyList<Migration>? migrations = null)
    {
        var provider = connections.Provider;
        await using var connection = await connections.OpenAsync(cancellationToken);
        await Run(connection, CreateVersionTable(provider), null, cancellationToken);

        var applied = new List<int>();
        foreach (var migration in (migrations ?? SchemaMigrations.All).OrderBy(m => m.Version))
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            if (provider == DatabaseProvider.Postgres)
                await Run(connection, $"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", transaction, cancellationToken);
            // Read inside the transaction: another process may have applied it while we waited for the lock.
            var done = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT COUNT(*) FROM schema_version WHERE version = @Version", new { migration.Version }, transaction,
                cancellationToken: cancellationToken));
            if (done > 0) continue;

            await Run(connection, migration.SqlFor(provider), transaction, cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO schema_version (version, name, applied_at) VALUES (@Version, @Name, @AppliedAt)",
                new { migration.Version, migration.Name, AppliedAt = provider.Timestamp(DateTimeOffset.UtcNow) }, transaction,
                cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
            _logger.LogInformation("Database schema migrated to version {Version} ({Name})", migration.Version, migration.Name);
            applied.Add(migration.Version);
        }
        return applied;
    }

    /// <summary>The highest applied version, 0 for an empty database.</summary>
    public async Task<int> CurrentVersionAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await Run(connection, CreateVersionTable(connections.Provider), null, cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COALESCE(MAX(version), 0) FROM schema_version", cancellationToken: cancellationToken));
    }

    private static string CreateVersionTable(DatabaseProvider provider) => $"""
        CREATE TABLE IF NOT EXISTS schema_version (
            version INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            applied_at {(provider == DatabaseProvider.Sqlite ? "TEXT" : "TIMESTAMPTZ")} NOT NULL
        )
        """;

    private static Task Run(DbConnection connection, string sql, DbTransaction? transaction, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(sql, transaction: transaction, cancellationToken: cancellationToken));
}
