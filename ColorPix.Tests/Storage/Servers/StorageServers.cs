using ColorPix.Tests.Storage.Servers;

namespace ColorPix.Tests.Storage;

/// <summary>
/// The servers of the storage tests, each started once per run on first use (a run filtered to SQLite starts no
/// PostgreSQL) and stopped after the last storage test. A missing server fails its tests with the setup command to
/// run: CI installs them, so a skip would hide a broken machine.
/// </summary>
[SetUpFixture]
public sealed class StorageServers
{
    private static readonly Lazy<PostgresServer> LazyPostgres = new(() => PostgresServer.Start());
    private static readonly Lazy<S3rverServer> LazyS3 = new(S3rverServer.Start);

    internal static PostgresServer Postgres => LazyPostgres.Value;
    internal static S3rverServer S3 => LazyS3.Value;

    [OneTimeTearDown]
    public void StopServers()
    {
        if (LazyPostgres.IsValueCreated) LazyPostgres.Value.Dispose();
        if (LazyS3.IsValueCreated) LazyS3.Value.Dispose();
    }
}
