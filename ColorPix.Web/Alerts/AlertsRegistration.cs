using ColorPix.Web.Lifecycle;
using Microsoft.Extensions.Options;

namespace ColorPix.Web.Alerts;

public static class AlertsRegistration
{
    /// <summary>The outbox (what raises alerts needs it, CLI verbs included).</summary>
    public static IServiceCollection AddColorPixAlerts(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(AlertOutbox))) return services;
        services.AddOptions<MailOptions>().BindConfiguration(MailOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MailOptions>>(new SectionValidator<MailOptions>(MailOptions.Section, o => o.Problems()));
        services.AddSingleton<AlertOutbox>();
        return services;
    }

    /// <summary>In the server: the outbox and the mailer that empties it.</summary>
    public static IHostApplicationBuilder AddColorPixAlertMail(this IHostApplicationBuilder builder)
    {
        builder.Services.AddColorPixAlerts();
        builder.Services.AddHostedService<AlertMailer>();
        builder.Services.AddOptions<ReportOptions>().BindConfiguration(ReportOptions.Section);
        builder.Services.AddSingleton<DailyReport>();
        builder.Services.AddHostedService<DailyReportService>();
        builder.Services.AddOptions<WatchOptions>().BindConfiguration(WatchOptions.Section);
        builder.Services.AddSingleton(sp => sp.GetRequiredService<Monitoring.ServiceMetrics>().Recent);
        builder.Services.AddHostedService<ServiceWatch>();
        return builder;
    }
}
