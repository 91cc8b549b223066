using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace ColorPix.Web.Hosting;

/// <summary>The `Drain` section: how a replica leaves on SIGTERM.</summary>
public sealed class DrainOptions
{
    public const string Section = "Drain";

    /// <summary>Seconds between turning not-ready and closing the listener, so a load balancer that polls
    /// /health/ready sends no new work (nginx, which retries refused connections on another replica, needs none).</summary>
    public double DelaySeconds { get; set; }

    /// <summary>The longest a replica waits for requests in flight (uploads, colorizations) before it exits.</summary>
    public double TimeoutSeconds { get; set; } = 60;
}

/// <summary>
/// Graceful drain: on SIGTERM (or Ctrl-C) readiness turns false at once, the listener stays open Drain:DelaySeconds,
/// then ASP.NET Core stops taking connections and lets the requests in flight finish (at most Drain:TimeoutSeconds);
/// the queues serve what they hold, and the process exits 0.
/// </summary>
internal sealed class Drain(IHostApplicationLifetime lifetime, IOptions<DrainOptions> options, ILogger<Drain> log) : IHostedService, IHealthCheck
{
    private volatile bool draining;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // ApplicationStopping runs before the server stops: blocking it here is what keeps the listener open meanwhile.
        lifetime.ApplicationStopping.Register(() =>
        {
            draining = true;
            log.LogInformation("draining: not ready; closing the listener in {Delay} s, then finishing requests in flight", options.Value.DelaySeconds);
            if (options.Value.DelaySeconds > 0) Thread.Sleep(TimeSpan.FromSeconds(options.Value.DelaySeconds));
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(draining ? HealthCheckResult.Unhealthy("draining: this replica is shutting down") : HealthCheckResult.Healthy());

    public static void Register(IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DrainOptions>().BindConfiguration(DrainOptions.Section);
        var timeout = builder.Configuration.GetSection(DrainOptions.Section).Get<DrainOptions>()?.TimeoutSeconds ?? new DrainOptions().TimeoutSeconds;
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(timeout + 5));
        builder.Services.AddSingleton<Drain>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<Drain>());
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration("drain", sp => sp.GetRequiredService<Drain>(), HealthStatus.Unhealthy,
            [Storage.StorageServiceCollectionExtensions.ReadyTag]));
    }
}
