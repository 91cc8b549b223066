using MailKit.Net.Smtp;
using MailKit.Security;
using ColorPix.Web.Storage.Metadata;
using Microsoft.Extensions.Options;
using MimeKit;

namespace ColorPix.Web.Alerts;

/// <summary>
/// Mails the pending alerts every Mail:PollSeconds. A failure is retried with doubling waits (<see cref="MailOptions.Backoff"/>)
/// up to Mail:MaxAttempts; the error of the last attempt is kept on the alert.
/// </summary>
internal sealed class AlertMailer(IAlertStore alerts, IOptions<MailOptions> options, TimeProvider clock, ILogger<AlertMailer> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var mail = options.Value;
        if (!mail.IsConfigured) return;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(mail.PollSeconds), clock);
        do
        {
            try
            {
                await SendDueAsync(mail, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning("the alert mailer could not read its outbox: {Error}", e.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task SendDueAsync(MailOptions mail, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        foreach (var alert in await alerts.ClaimDueAsync(now, now.AddMinutes(5), 20, cancellationToken))
        {
            try
            {
                await SendAsync(mail, alert, cancellationToken);
                await alerts.RecordAttemptAsync(alert.Id, clock.GetUtcNow(), null, null, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                var attempts = alert.Attempts + 1;
                DateTimeOffset? retry = attempts < mail.MaxAttempts ? clock.GetUtcNow() + MailOptions.Backoff(attempts) : null;
                await alerts.RecordAttemptAsync(alert.Id, clock.GetUtcNow(), e.Message, retry, cancellationToken);
                log.LogWarning("alert {Id} not mailed (attempt {Attempts}): {Error}; {Next}", alert.Id, attempts, e.Message,
                    retry is null ? "giving up" : $"retrying at {retry:u}");
            }
        }
    }

    private static async Task SendAsync(MailOptions mail, AlertRecord alert, CancellationToken cancellationToken)
    {
        using var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(mail.From));
        foreach (var to in mail.To) message.To.Add(MailboxAddress.Parse(to));
        message.Subject = $"[ColorPix] {alert.Subject}";
        message.Body = new TextPart("plain") { Text = $"{alert.Body}\n\n-- \nColorPix alert {alert.Id} ({alert.Kind}), raised {alert.CreatedAt:u}\n" };
        using var smtp = new SmtpClient { Timeout = 15_000 };
        var security = mail.Security switch
        {
            "none" => SecureSocketOptions.None,
            "starttls" => SecureSocketOptions.StartTls,
            "tls" => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.Auto,
        };
        await smtp.ConnectAsync(mail.Host, mail.Port, security, cancellationToken);
        if (mail.Username.Length > 0) await smtp.AuthenticateAsync(mail.Username, mail.Password, cancellationToken);
        await smtp.SendAsync(message, cancellationToken);
        await smtp.DisconnectAsync(quit: true, cancellationToken);
    }
}
