using ColorPix.Core.Engine;
using ColorPix.Web.Storage.Metadata;

namespace ColorPix.Web.Hosting;

/// <summary>
/// A job every replica schedules and exactly one runs per due time: each polls (every minute, or more often for a
/// shorter interval) and the one whose claim moves the job's next time in the database runs it. The first start of a
/// fresh database runs it at once. A failed run is logged and the job stays scheduled.
/// </summary>
internal abstract class ScheduledJob(IJobSchedule schedule, TimeProvider clock, ILogger log) : BackgroundService
{
    protected abstract string Job { get; }
    protected abstract bool Enabled { get; }
    protected abstract TimeSpan Interval { get; }

    protected abstract Task RunAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled) return;
        var poll = Interval < TimeSpan.FromMinutes(1) ? Interval : TimeSpan.FromMinutes(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var now = clock.GetUtcNow();
                if (await schedule.TryClaimAsync(Job, now, now + Interval, stoppingToken)) await RunAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError("the scheduled job {Job} failed: {Error}", Job, EngineErrors.MessageOf(e));
            }
            await Task.Delay(poll, clock, stoppingToken);
        }
    }
}
