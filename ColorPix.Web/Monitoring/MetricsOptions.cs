namespace ColorPix.Web.Monitoring;

/// <summary>The `Metrics` section: whether GET /metrics exists and who may scrape it.</summary>
public sealed class MetricsOptions
{
    public const string Section = "Metrics";

    public bool Enabled { get; set; } = true;

    /// <summary>Empty: only loopback clients may scrape (a Prometheus beside the service). Set: every scraper must send
    /// it as a bearer token, from anywhere; use this behind a reverse proxy, where every client looks local.</summary>
    public string BearerToken { get; set; } = "";
}
