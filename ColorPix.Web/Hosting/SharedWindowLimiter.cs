using System.Threading.RateLimiting;
using ColorPix.Web.Storage.Metadata;

namespace ColorPix.Web.Hosting;

/// <summary>
/// A fixed-window limit counted in the shared database, so it holds across replicas: one atomic upsert per request.
/// The synchronous attempt never grants (it cannot reach the database); ASP.NET Core's limiter middleware then awaits
/// <see cref="AcquireAsyncCore"/>, which counts the hit. A database outage surfaces as the storage's own exception
/// (a 503 from ProblemMapping), like any other request that needs the database.
/// </summary>
internal sealed class SharedWindowLimiter(IRateLimitStore store, TimeProvider clock, string bucket, int permits, TimeSpan window) : RateLimiter
{
    private long lastUsedTicks = clock.GetTimestamp();

    // Lets the partitioned limiter drop this instance when its bucket goes quiet; the count itself is in the database.
    public override TimeSpan? IdleDuration => clock.GetElapsedTime(Interlocked.Read(ref lastUsedTicks));

    public override RateLimiterStatistics? GetStatistics() => null;

    protected override RateLimitLease AttemptAcquireCore(int permitCount) => Lease.Pending;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref lastUsedTicks, clock.GetTimestamp());
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        var seconds = (long)window.TotalSeconds;
        var start = now - now % seconds;
        var hits = await store.HitAsync(bucket, start, cancellationToken);
        return hits <= permits ? Lease.Granted : new Lease(false, TimeSpan.FromSeconds(start + seconds - now));
    }

    private sealed class Lease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public static readonly Lease Granted = new(true, null);
        public static readonly Lease Pending = new(false, null);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = metadataName == MetadataName.RetryAfter.Name ? retryAfter : null;
            return metadata is not null;
        }
    }
}
