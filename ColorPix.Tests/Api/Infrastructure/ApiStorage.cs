using ColorPix.Tests.Storage.Servers;
using ColorPix.Web.Storage;
using ColorPix.Web.Storage.Metadata;
using ColorPix.Web.Storage.Objects;
using Dapper;
using Microsoft.Extensions.Configuration;

namespace ColorPix.Tests.Api.Infrastructure;

/// <summary>Where an API test server keeps its rows and objects: a SQLite file and a local folder under the server's
/// temp folder, or a fresh database on the shared PostgreSQL and a fresh bucket on the shared s3rver.</summary>
public abstract class ApiStorage
{
    public static ApiStorage SqliteAndFolder { get; } = new SqliteAndFolderStorage();
    public static ApiStorage PostgresAndS3 { get; } = new PostgresAndS3Storage();
    public static IEnumerable<ApiStorage> All { get; } = [SqliteAndFolder, PostgresAndS3];

    public abstract string Name { get; }

    /// <summary>The object folder when the objects are local files, else null.</summary>
    public abstract string? LocalObjectFolder(string serverFolder);

    /// <summary>The configuration for a new, empty store, and how to drop it afterwards.</summary>
    public abstract Task<(Dictionary<string, string?> Settings, Func<Task> Drop)> CreateAsync(string serverFolder);

    public override string ToString() => Name;

    /// <summary>The stores a server with these settings uses, bound as the service binds them: for a test that looks
    /// behind the processes it started. Dispose the object store when it is disposable (S3).</summary>
    public static (IDbConnectionFactory Connections, IObjectStore Objects) StoresOf(IReadOnlyDictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return (StorageServiceCollectionExtensions.CreateConnectionFactory(configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>()!),
            StorageServiceCollectionExtensions.CreateObjectStore(configuration.GetSection(ObjectStorageOptions.Section).Get<ObjectStorageOptions>()!));
    }

    public static async Task<long> CountRowsAsync(IDbConnectionFactory connections, string table, string filter = "1 = 1", object? parameters = null)
    {
        await using var connection = await connections.OpenAsync(CancellationToken.None);
        return await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table} WHERE {filter}", parameters);
    }

    private sealed class SqliteAndFolderStorage : ApiStorage
    {
        public override string Name => "sqlite+folder";

        public override string? LocalObjectFolder(string serverFolder) => Path.Combine(serverFolder, "objects");

        public override Task<(Dictionary<string, string?>, Func<Task>)> CreateAsync(string serverFolder) =>
            Task.FromResult<(Dictionary<string, string?>, Func<Task>)>((new()
            {
                ["Database:Provider"] = "sqlite",
                ["Database:SqlitePath"] = Path.Combine(serverFolder, "db", "colorpix.db"),
                ["ObjectStorage:Provider"] = "local",
                ["ObjectStorage:LocalPath"] = LocalObjectFolder(serverFolder),
            }, () =>
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools(); // pooled handles keep the file open
                return Task.CompletedTask;
            }));
    }

    private sealed class PostgresAndS3Storage : ApiStorage
    {
        public override string Name => "postgres+s3";

        public override string? LocalObjectFolder(string serverFolder) => null;

        public override async Task<(Dictionary<string, string?>, Func<Task>)> CreateAsync(string serverFolder)
        {
            var (postgres, s3) = (ApiServers.Postgres, ApiServers.S3);
            var database = await postgres.CreateDatabaseAsync();
            var bucket = s3.Options($"api-{Guid.NewGuid():N}"[..30]);
            return (new()
            {
                ["Database:Provider"] = "postgres",
                ["Database:ConnectionString"] = postgres.ConnectionString(database),
                ["ObjectStorage:Provider"] = "s3",
                ["ObjectStorage:S3:ServiceUrl"] = bucket.ServiceUrl,
                ["ObjectStorage:S3:Bucket"] = bucket.Bucket,
                ["ObjectStorage:S3:AccessKey"] = bucket.AccessKey,
                ["ObjectStorage:S3:SecretKey"] = bucket.SecretKey,
                ["ObjectStorage:S3:ForcePathStyle"] = "true",
            }, () => postgres.DropDatabaseAsync(database));
        }
    }
}
