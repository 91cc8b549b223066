using System.Globalization;
using ColorPix.Web.Monitoring;
using Microsoft.Extensions.Options;

namespace ColorPix.Web.Alerts;

/// <summary>The `Watch` section: when this process alerts on its own error rate and latency.</summary>
public sealed class WatchOptions
{
    public const string Section = "Watch";

    public bool Enabled { get; set; } = true;

    /// <summary>The window looked at, every minute (or every window when it is shorter).</summary>
    public double WindowMinutes { get; set; } = 5;

    /// <summary>Fewer requests than this in the window say nothing.</summary>
    public int MinRequests { get; set; } = 20;

    /// <summary>Share of 5xx answers above which an alert is raised.</summary>
    public double MaxErrorRate { get; set; } = 0.05;

    /// <summary>95th percentile of request durations, in seconds, above which an alert is raised.</summary>
    public double MaxP95Seconds { get; set; } = 10;
}

/// <summary>
/// Every replica watches its own requests (<see cref="RequestWindow"/>) and raises "error-rate" or "latency" when a
/// window crosses its threshold, at most once per window and kind, so a long incident is one mail per window.
/// </summary>
internal sealed class ServiceWatch(RequestWindow window, AlertOutbox alerts, IOptions<WatchOptions> options, TimeProvider clock) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (!o.Enabled) return;
        var span = TimeSpan.FromMinutes(o.WindowMinutes);
        using var timer = new PeriodicTimer(span < TimeSpan.FromMinutes(1) ? span : TimeSpan.FromMinutes(1), clock);
        var lastAlert = new Dictionary<string, DateTimeOffset>();
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var (requests, errorRate, p95) = window.Over(span);
            if (requests < o.MinRequests) continue;
            var numbers = string.Create(CultureInfo.InvariantCulture,
                $"Over the last {o.WindowMinutes} minutes this process answered {requests} requests: {errorRate:P1} with 5xx, p95 {p95:F3} s.\n" +
                $"Thresholds: {o.MaxErrorRate:P1} errors, p95 {o.MaxP95Seconds} s (Watch section).");
            if (errorRate > o.MaxErrorRate) await RaiseOnceAsync("error-rate", $"error rate {errorRate:P1} over {o.WindowMinutes} min", numbers);
            if (p95 > o.MaxP95Seconds) await RaiseOnceAsync("latency", $"p95 latency {p95:F2} s over {o.WindowMinutes} min", numbers);
        }

        async Task RaiseOnceAsync(string kind, string subject, string body)
        {
            if (lastAlert.TryGetValue(kind, out var at) && clock.GetUtcNow() - at < span) return;
            lastAlert[kind] = clock.GetUtcNow();
            await alerts.TryRaiseAsync(kind, subject, body, stoppingToken);
        }
    }
}
