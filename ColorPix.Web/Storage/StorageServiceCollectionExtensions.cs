using ColorPix.Core.Data;
using ColorPix.Web.Storage.Health;
using ColorPix.Web.Storage.Metadata;
using ColorPix.Web.Storage.Metadata.Migrations;
using ColorPix.Web.Storage.Objects;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ColorPix.Web.Storage;

/// <summary>
/// Registers the storage: <c>builder.AddColorPixStorage()</c> in Program.cs is all that is needed. At start a hosted
/// service applies the migrations and creates the bucket before the server listens; code that runs without the host
/// (CLI verbs, tests) calls <see cref="InitializeStorageAsync"/> instead. Health checks are tagged "ready".
/// </summary>
public static class StorageServiceCollectionExtensions
{
    public const string ReadyTag = "ready";

    public static IHostApplicationBuilder AddColorPixStorage(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateOnStart();
        services.AddOptions<ObjectStorageOptions>().BindConfiguration(ObjectStorageOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DatabaseOptions>, DatabaseOptionsValidator>();
        services.AddSingleton<IValidateOptions<ObjectStorageOptions>, ObjectStorageOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton(sp => CreateConnectionFactory(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value));
        services.AddSingleton<SchemaMigrator>();
        services.AddSingleton<IUserStore, SqlUserStore>();
        services.AddSingleton<IImageStore, SqlImageStore>();
        services.AddSingleton<IAlbumStore, SqlAlbumStore>();
        services.AddSingleton<IColorizationStore, SqlColorizationStore>();
        services.AddSingleton<IRatingStore, SqlRatingStore>();
        services.AddSingleton<IModelRegistry, SqlModelRegistry>();
        services.AddSingleton<IModelDecisionStore, SqlModelDecisionStore>();
        services.AddSingleton<IJobSchedule, SqlJobSchedule>();
        services.AddSingleton<IAlertStore, SqlAlertStore>();
        services.AddSingleton<IDriftStore, SqlDriftStore>();
        services.AddSingleton<IActivityCounts, SqlActivityCounts>();
        services.AddSingleton<IObjectReferences, SqlObjectReferences>();
        services.AddSingleton<ISharedSecretStore, SqlSharedSecretStore>();
        services.AddSingleton<IRateLimitStore, SqlRateLimitStore>();

        services.AddSingleton(sp => CreateObjectStore(sp.GetRequiredService<IOptions<ObjectStorageOptions>>().Value));
        services.AddSingleton<OrphanSweeper>();
        services.AddHostedService<StorageInitializer>();
        services.AddHostedService<OrphanSweepService>();

        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [ReadyTag])
            .AddCheck<ObjectStorageHealthCheck>("object-storage", tags: [ReadyTag]);
        return builder;
    }

    /// <summary>Applies pending migrations and, for S3, creates the bucket if missing. Idempotent.</summary>
    public static async Task InitializeStorageAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await services.GetRequiredService<SchemaMigrator>().MigrateAsync(cancellationToken);
        if (services.GetRequiredService<IObjectStore>() is S3ObjectStore s3) await s3.EnsureBucketAsync(cancellationToken);
    }

    internal static IDbConnectionFactory CreateConnectionFactory(DatabaseOptions options) => options.ResolvedProvider switch
    {
        DatabaseProvider.Postgres => new PostgresConnectionFactory(options.ConnectionString!),
        _ => new SqliteConnectionFactory(FromRepoRoot(options.SqlitePath)),
    };

    internal static IObjectStore CreateObjectStore(ObjectStorageOptions options) => options.ResolvedProvider switch
    {
        ObjectStorageProvider.S3 => new S3ObjectStore(options.S3),
        _ => new LocalObjectStore(FromRepoRoot(options.LocalPath)),
    };

    /// <summary>Relative paths mean "in this clone", wherever the process was started from inside it.</summary>
    private static string FromRepoRoot(string path) => Path.IsPathRooted(path) ? path : Path.Combine(RepoPaths.FindRoot(), path);

    private sealed class StorageInitializer(IServiceProvider services) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => services.InitializeStorageAsync(cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
