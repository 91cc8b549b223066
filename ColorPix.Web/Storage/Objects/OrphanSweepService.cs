using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ColorPix.Web.Storage.Objects;

/// <summary>Runs <see cref="OrphanSweeper"/> every ObjectStorage:Sweep:IntervalMinutes (0: never).</summary>
internal sealed class OrphanSweepService(OrphanSweeper sweeper, IOptions<ObjectStorageOptions> options, TimeProvider clock,
    ILogger<OrphanSweepService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var sweep = options.Value.Sweep;
        if (sweep.IntervalMinutes == 0) return;
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(sweep.IntervalMinutes), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await sweeper.SweepAsync(TimeSpan.FromMinutes(sweep.GraceMinutes), stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Orphan sweep failed; the next one will retry");
            }
        }
    }
}
