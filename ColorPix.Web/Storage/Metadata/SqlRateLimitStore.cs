using Dapper;

namespace ColorPix.Web.Storage.Metadata;

internal sealed class SqlRateLimitStore(IDbConnectionFactory connections) : SqlStore(connections), IRateLimitStore
{
    public Task<long> HitAsync(string bucket, long windowStart, CancellationToken cancellationToken) =>
        WithConnectionAsync(c => c.QuerySingleAsync<long>(Command("""
            INSERT INTO rate_limit_windows (bucket, window_start, hits) VALUES (@Bucket, @WindowStart, 1)
            ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_limit_windows.hits + 1
            RETURNING hits
            """, new { Bucket = bucket, WindowStart = windowStart }, cancellationToken)), cancellationToken);

    public Task<int> PruneAsync(long before, CancellationToken cancellationToken) =>
        WithConnectionAsync(c => c.ExecuteAsync(Command(
            "DELETE FROM rate_limit_windows WHERE window_start < @Before", new { Before = before }, cancellationToken)), cancellationToken);
}
