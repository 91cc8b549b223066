using ColorPix.Web.Storage.Metadata;
using ColorPix.Web.Storage.Metadata.Migrations;
using ColorPix.Web.Storage.Objects;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ColorPix.Web.Storage.Health;

/// <summary>Ready when the database answers and carries the schema this build expects.</summary>
public sealed class DatabaseHealthCheck(SchemaMigrator migrator, IDbConnectionFactory connections) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var version = await migrator.CurrentVersionAsync(cancellationToken);
            var description = $"{connections.Provider}, schema version {version}";
            return version == SchemaMigrations.Latest
                ? HealthCheckResult.Healthy(description)
                : HealthCheckResult.Unhealthy($"{description}, expected {SchemaMigrations.Latest}");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"{connections.Provider} unreachable: {e.Message}");
        }
    }
}

public sealed class ObjectStorageHealthCheck(IObjectStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.PingAsync(cancellationToken);
            return HealthCheckResult.Healthy(store.GetType().Name);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"{store.GetType().Name} unreachable: {e.Message}");
        }
    }
}
