using ColorPix.Web.Storage;
using ColorPix.Web.Storage.Metadata;
using ColorPix.Web.Storage.Metadata.Migrations;

namespace ColorPix.Tests.Storage;

/// <summary>A backend the metadata tests run against; every test gets a fresh, migrated database.</summary>
public abstract class MetadataBackend
{
    public static IEnumerable<MetadataBackend> All { get; } = [new SqliteBackend(), new PostgresBackend()];

    public abstract DatabaseProvider Provider { get; }

    /// <summary>An empty database, not migrated yet.</summary>
    public abstract Task<MetadataDatabase> CreateEmptyAsync();

    public async Task<MetadataDatabase> CreateAsync()
    {
        var database = await CreateEmptyAsync();
        await database.Migrator.MigrateAsync(CancellationToken.None);
        return database;
    }

    public override string ToString() => Provider.ToString();

    private sealed class SqliteBackend : MetadataBackend
    {
        public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

        public override Task<MetadataDatabase> CreateEmptyAsync()
        {
            var folder = Directory.CreateTempSubdirectory("colorpix-sqlite-").FullName;
            var connections = StorageServiceCollectionExtensions.CreateConnectionFactory(
                new DatabaseOptions { SqlitePath = Path.Combine(folder, "db", "colorpix.db") });
            return Task.FromResult(new MetadataDatabase(connections, () =>
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools(); // pooled handles keep the file open
                Directory.Delete(folder, recursive: true);
                return Task.CompletedTask;
            }));
        }
    }

    private sealed class PostgresBackend : MetadataBackend
    {
        public override DatabaseProvider Provider => DatabaseProvider.Postgres;

        public override async Task<MetadataDatabase> CreateEmptyAsync()
        {
            var server = StorageServers.Postgres;
            var name = await server.CreateDatabaseAsync();
            var connections = StorageServiceCollectionExtensions.CreateConnectionFactory(
                new DatabaseOptions { ConnectionString = server.ConnectionString(name) });
            return new MetadataDatabase(connections, () => server.DropDatabaseAsync(name));
        }
    }
}

/// <summary>The stores over one test database.</summary>
public sealed class MetadataDatabase(IDbConnectionFactory connections, Func<Task> drop) : IAsyncDisposable
{
    public IDbConnectionFactory Connections { get; } = connections;
    public SchemaMigrator Migrator { get; } = new(connections);
    public IUserStore Users { get; } = new SqlUserStore(connections);
    public IImageStore Images { get; } = new SqlImageStore(connections);
    public IColorizationStore Colorizations { get; } = new SqlColorizationStore(connections);
    public IRatingStore Ratings { get; } = new SqlRatingStore(connections);
    public IModelRegistry Models { get; } = new SqlModelRegistry(connections);
    public IJobSchedule Jobs { get; } = new SqlJobSchedule(connections);
    public IObjectReferences References { get; } = new SqlObjectReferences(connections);
    public ISharedSecretStore Secrets { get; } = new SqlSharedSecretStore(connections);
    public IRateLimitStore RateLimits { get; } = new SqlRateLimitStore(connections);

    public async ValueTask DisposeAsync()
    {
        if (Connections is IAsyncDisposable disposable) await disposable.DisposeAsync();
        await drop();
    }
}
