namespace ColorPix.Core.Inference;

/// <summary>
/// Counts and recent latencies of one model's queue. Latencies are kept over a sliding window so /status and
/// Retry-After follow the current load, not the whole uptime.
/// </summary>
internal sealed class BatchStatistics(int window = 200)
{
    private readonly Lock gate = new();
    private readonly double[] requestMs = new double[window];
    private readonly double[] batchMs = new double[window];
    private int requestCount, requestNext, batchCount, batchNext;
    private long processed, failed, batches;

    public void RecordBatch(TimeSpan duration, IReadOnlyList<TimeSpan> requestLatencies, int succeeded)
    {
        lock (gate)
        {
            batches++;
            processed += succeeded;
            failed += requestLatencies.Count - succeeded;
            Push(batchMs, ref batchNext, ref batchCount, duration.TotalMilliseconds);
            foreach (var latency in requestLatencies) Push(requestMs, ref requestNext, ref requestCount, latency.TotalMilliseconds);
        }
    }

    public (long Processed, long Failed, double AverageBatchSize, double? P50Ms, double? P95Ms) Snapshot()
    {
        lock (gate)
        {
            var recent = requestMs.Take(requestCount).Order().ToArray();
            var average = batches == 0 ? 0 : (double)(processed + failed) / batches;
            return (processed, failed, average, Percentile(recent, 0.50), Percentile(recent, 0.95));
        }
    }

    /// <summary>When a refused client should come back: the batches ahead of it times the recent batch time.</summary>
    public int RetryAfterSeconds(int waiting, int maxBatch)
    {
        double averageMs;
        lock (gate) averageMs = batchCount == 0 ? 1000 : batchMs.Take(batchCount).Average();
        var batchesAhead = waiting / Math.Max(1, maxBatch) + 1;
        return (int)Math.Clamp(Math.Ceiling(batchesAhead * averageMs / 1000), 1, 3600);
    }

    private static void Push(double[] ring, ref int next, ref int count, double value)
    {
        ring[next] = value;
        next = (next + 1) % ring.Length;
        count = Math.Min(count + 1, ring.Length);
    }

    private static double? Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? null : sorted[(int)Math.Ceiling(p * sorted.Length) - 1];
}
