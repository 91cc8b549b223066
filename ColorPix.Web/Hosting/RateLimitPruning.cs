using ColorPix.Web.Storage.Metadata;

namespace ColorPix.Web.Hosting;

/// <summary>Deletes the shared rate-limit windows that ended long ago, every few minutes on each replica (a delete
/// of nothing costs nothing, so they need not agree on who does it).</summary>
internal sealed class RateLimitPruning(IRateLimitStore store, IDbConnectionFactory connections, TimeProvider clock, ILogger<RateLimitPruning> log)
    : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Keep = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!RateLimits.CountedInDatabase(connections)) return;   // nothing is ever written there
        using var timer = new PeriodicTimer(Every, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var pruned = await store.PruneAsync((clock.GetUtcNow() - Keep).ToUnixTimeSeconds(), stoppingToken);
                if (pruned > 0) log.LogDebug("pruned {Count} rate-limit windows", pruned);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                log.LogWarning(e, "pruning the rate-limit windows failed; retrying in {Minutes} min", Every.TotalMinutes);
            }
        }
    }
}
