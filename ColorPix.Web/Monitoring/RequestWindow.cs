namespace ColorPix.Web.Monitoring;

/// <summary>
/// The requests of the last few minutes in this process (status and duration only), for the alerts on error rate and
/// latency: Prometheus' counters say everything since the start, these say what is happening now.
/// </summary>
public sealed class RequestWindow(TimeProvider clock)
{
    private readonly Queue<(DateTimeOffset At, bool Failed, double Seconds)> requests = new();
    private readonly Lock gate = new();

    /// <summary>Kept at most this long, and at most this many (a flood must not grow memory).</summary>
    public static readonly TimeSpan Longest = TimeSpan.FromHours(1);
    private const int MaxKept = 100_000;

    public void Record(int status, TimeSpan duration)
    {
        lock (gate)
        {
            requests.Enqueue((clock.GetUtcNow(), status >= 500, duration.TotalSeconds));
            while (requests.Count > MaxKept) requests.Dequeue();
        }
    }

    /// <summary>Requests, the share that failed with 5xx, and the 95th percentile of durations over the last <paramref name="span"/>.</summary>
    public (int Requests, double ErrorRate, double P95Seconds) Over(TimeSpan span)
    {
        var since = clock.GetUtcNow() - span;
        List<(DateTimeOffset At, bool Failed, double Seconds)> recent;
        lock (gate)
        {
            while (requests.Count > 0 && requests.Peek().At < clock.GetUtcNow() - Longest) requests.Dequeue();
            recent = requests.Where(r => r.At >= since).ToList();
        }
        if (recent.Count == 0) return (0, 0, 0);
        var durations = recent.Select(r => r.Seconds).Order().ToList();
        return (recent.Count, recent.Count(r => r.Failed) / (double)recent.Count, durations[(int)Math.Ceiling(0.95 * durations.Count) - 1]);
    }
}
