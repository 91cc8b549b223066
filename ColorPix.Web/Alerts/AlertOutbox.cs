using ColorPix.Web.Storage.Metadata;
using Microsoft.Extensions.Options;

namespace ColorPix.Web.Alerts;

/// <summary>
/// Raises an alert: recorded at once (administrators see it on the admin page and at GET /alerts) and mailed later by
/// <see cref="AlertMailer"/>, so that no request or job ever waits for a mail server. Without mail settings the alert
/// is logged and kept as "logged".
/// </summary>
public sealed class AlertOutbox(IAlertStore alerts, IOptions<MailOptions> mail, TimeProvider clock, ILogger<AlertOutbox> log,
    Monitoring.ServiceMetrics? metrics = null)
{
    /// <param name="kind">A short stable name: "promotion", "promotion-refused", "champion-below-gray"...</param>
    public async Task RaiseAsync(string kind, string subject, string body, CancellationToken cancellationToken)
    {
        var status = mail.Value.IsConfigured ? AlertStatus.Pending : AlertStatus.Logged;
        await alerts.AddAsync(new NewAlert(kind, subject, body, status, clock.GetUtcNow()), cancellationToken);
        metrics?.RecordAlert(kind);
        log.LogWarning("alert {Kind}: {Subject}{Mailed}", kind, subject, status == AlertStatus.Logged ? " (no Mail:Host configured: not mailed)" : "");
    }

    /// <summary>Raises an alert, logging instead of throwing if even recording it fails: an alert must never break
    /// the work it reports on.</summary>
    public async Task TryRaiseAsync(string kind, string subject, string body, CancellationToken cancellationToken)
    {
        try
        {
            await RaiseAsync(kind, subject, body, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError("alert {Kind} could not be recorded ({Error}): {Subject}", kind, e.Message, subject);
        }
    }
}
