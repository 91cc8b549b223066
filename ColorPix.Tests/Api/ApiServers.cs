using ColorPix.Tests.Api.Infrastructure;
using ColorPix.Tests.Storage.Servers;

namespace ColorPix.Tests.Api;

/// <summary>
/// The servers of the API tests, each started once per run on first use: the shared app most tests talk to, and
/// PostgreSQL + s3rver (the storage tests' launchers) for the scenario that runs on them. Stopped after the last API test.
/// </summary>
[SetUpFixture]
public sealed class ApiServers
{
    private static readonly Lazy<Task<ApiServer>> LazyShared = new(() => ApiServer.StartAsync(GenerousLimits));
    private static readonly Lazy<PostgresServer> LazyPostgres = new(() => PostgresServer.Start());
    private static readonly Lazy<S3rverServer> LazyS3 = new(S3rverServer.Start);

    /// <summary>Far above what the tests send: only the rate-limit tests, on their own app, meet a limit.</summary>
    public static IReadOnlyDictionary<string, string?> GenerousLimits { get; } = new Dictionary<string, string?>
    {
        ["Limits:LoginPerMinute"] = "10000",
        ["Limits:RequestsPerMinute"] = "1000000",
        ["Limits:ColorizePerMinute"] = "100000",
    };

    public static Task<ApiServer> Shared => LazyShared.Value;
    internal static PostgresServer Postgres => LazyPostgres.Value;
    internal static S3rverServer S3 => LazyS3.Value;

    [OneTimeTearDown]
    public async Task StopServers()
    {
        if (LazyShared.IsValueCreated) await (await LazyShared.Value).DisposeAsync();
        if (LazyPostgres.IsValueCreated) LazyPostgres.Value.Dispose();
        if (LazyS3.IsValueCreated) LazyS3.Value.Dispose();
    }
}
