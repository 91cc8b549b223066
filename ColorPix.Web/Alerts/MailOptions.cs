namespace ColorPix.Web.Alerts;

/// <summary>The `Mail` section: where alerts are mailed. Without a Host, alerts are only logged and shown to
/// administrators (the default: ColorPix needs no mail server to run).</summary>
public sealed class MailOptions
{
    public const string Section = "Mail";

    public string Host { get; set; } = "";
    public int Port { get; set; } = 25;

    /// <summary>none, starttls, tls, or auto (STARTTLS when the server offers it).</summary>
    public string Security { get; set; } = "auto";

    public string Username { get; set; } = "";
    public string Password { get; set; } = "";
    public string From { get; set; } = "colorpix@localhost";

    /// <summary>The administrators' addresses.</summary>
    public string[] To { get; set; } = [];

    /// <summary>Attempts before an alert is marked failed; the waits between them double from 30 s up to an hour.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>How often the sender looks for alerts to mail.</summary>
    public double PollSeconds { get; set; } = 5;

    public bool IsConfigured => Host.Length > 0 && To.Length > 0;

    public IEnumerable<string> Problems()
    {
        if (Port is < 1 or > 65535) yield return "Port must be between 1 and 65535";
        if (Security is not ("none" or "starttls" or "tls" or "auto")) yield return "Security must be none, starttls, tls or auto";
        if (Host.Length > 0 && To.Length == 0) yield return "To must list at least one address when Host is set";
        if (MaxAttempts < 1) yield return "MaxAttempts must be at least 1";
        if (!(PollSeconds is > 0 and <= 3600)) yield return "PollSeconds must be between 0 (excluded) and 3600";
    }

    /// <summary>The wait after <paramref name="attempts"/> failed attempts.</summary>
    public static TimeSpan Backoff(int attempts) => TimeSpan.FromSeconds(Math.Min(3600, 30 * Math.Pow(2, attempts - 1)));
}
