using Microsoft.Extensions.Options;

namespace ColorPix.Web.Monitoring;

public static class MonitoringRegistration
{
    /// <summary>The service's metrics. Metrics:Enabled false takes away the route and the per-request counting; the few
    /// counts other code records stay in memory, unread.</summary>
    public static IHostApplicationBuilder AddColorPixMonitoring(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.Section);
        builder.Services.AddSingleton<ServiceMetrics>();
        builder.Services.AddOptions<DriftOptions>().BindConfiguration(DriftOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<DriftOptions>>(new Lifecycle.SectionValidator<DriftOptions>(DriftOptions.Section, o => o.Problems()));
        builder.Services.AddSingleton<DriftDetector>();
        builder.Services.AddHostedService<DriftScheduleService>();
        return builder;
    }

    /// <summary>First in the pipeline, so every request is counted with the status it finally got.</summary>
    public static WebApplication UseColorPixMetrics(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<MetricsOptions>>().Value.Enabled) app.UseMiddleware<HttpMetricsMiddleware>();
        return app;
    }

    public static WebApplication MapColorPixMetrics(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<MetricsOptions>>().Value.Enabled) app.MapMetricsEndpoint();
        return app;
    }
}
