namespace ColorPix.Core.Inference;

/// <summary>
/// Admission by memory: work on a full-size image reserves the bytes it will hold (its 8-bit source and results,
/// see <see cref="Estimate"/>) before it decodes anything, and waits, first come first served, while the budget is
/// spent. A request that would wait longer than the configured time is refused with when to retry (HTTP 503 +
/// Retry-After), so a burst of 40-megapixel scans queues or is turned away instead of exhausting the machine.
/// One image larger than the whole budget still runs, alone.
/// </summary>
public sealed class MemoryBudget
{
    private readonly Lock gate = new();
    private readonly LinkedList<Waiter> waiters = [];
    private readonly TimeSpan maxWait;
    private long inUse;

    private sealed record Waiter(long Bytes, TaskCompletionSource<Reservation> Granted);

    public MemoryBudget(long capacityBytes, TimeSpan maxWait)
    {
        if (capacityBytes <= 0) throw new ArgumentOutOfRangeException(nameof(capacityBytes), capacityBytes, "the memory budget must be positive");
        (Capacity, this.maxWait) = (capacityBytes, maxWait);
    }

    public long Capacity { get; }
    public long InUse { get { lock (gate) return inUse; } }
    public int Waiting { get { lock (gate) return waiters.Count; } }

    /// <summary>What colorizing one image costs in memory: its decoded source, then per model its 8-bit result and
    /// that result's PNG encoding (at worst as large as its pixels). Four bytes a pixel each, as Skia holds them.</summary>
    public static long Estimate(long pixels, int models) => pixels * 4 * (1 + 2L * models);

    /// <summary>Waits until the bytes fit; dispose the reservation to give them back.</summary>
    /// <exception cref="MemoryBusyException">They did not fit within the configured wait.</exception>
    public async Task<Reservation> ReserveAsync(long bytes, CancellationToken cancellation = default)
    {
        bytes = Math.Clamp(bytes, 1, Capacity);
        Waiter waiter;
        lock (gate)
        {
            if (waiters.Count == 0 && inUse + bytes <= Capacity)
            {
                inUse += bytes;
                return new Reservation(this, bytes);
            }
            waiter = new Waiter(bytes, new TaskCompletionSource<Reservation>(TaskCreationOptions.RunContinuationsAsynchronously));
            waiters.AddLast(waiter);
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timeout.CancelAfter(maxWait);
        await using (timeout.Token.Register(() => Abandon(waiter)))
        {
            try
            {
                return await waiter.Granted.Task;
            }
            catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
            {
                throw new MemoryBusyException(bytes, Capacity, RetryAfterSeconds);
            }
        }
    }

    /// <summary>How long a refused request should wait: the configured wait, at least a second.</summary>
    public int RetryAfterSeconds => Math.Max(1, (int)Math.Ceiling(maxWait.TotalSeconds));

    private void Abandon(Waiter waiter)
    {
        lock (gate)
        {
            if (waiter.Granted.Task.IsCompleted) return;
            waiters.Remove(waiter);
            GrantWaiting(); // the head may have been the one blocking smaller requests behind it
        }
        waiter.Granted.TrySetCanceled();
    }

    private void Release(long bytes)
    {
        lock (gate)
        {
            inUse -= bytes;
            GrantWaiting();
        }
    }

    /// <summary>Grants waiting requests in arrival order while they fit (under the lock).</summary>
    private void GrantWaiting()
    {
        while (waiters.First is { } first && inUse + first.Value.Bytes <= Capacity)
        {
            waiters.RemoveFirst();
            inUse += first.Value.Bytes;
            if (!first.Value.Granted.TrySetResult(new Reservation(this, first.Value.Bytes))) inUse -= first.Value.Bytes;
        }
    }

    /// <summary>Bytes held against the budget until disposed.</summary>
    public sealed class Reservation : IDisposable
    {
        private MemoryBudget? owner;

        internal Reservation(MemoryBudget owner, long bytes) => (this.owner, Bytes) = (owner, bytes);

        public long Bytes { get; }

        public void Dispose() => Interlocked.Exchange(ref owner, null)?.Release(Bytes);
    }
}

/// <summary>The memory budget stayed spent for the whole allowed wait: retry later (HTTP 503 with Retry-After).</summary>
public sealed class MemoryBusyException(long bytes, long capacity, int retryAfterSeconds)
    : Exception($"the service is busy with other large images ({bytes / (1 << 20):N0} MB needed of a {capacity / (1 << 20):N0} MB budget); retry in {retryAfterSeconds} s")
{
    public int RetryAfterSeconds { get; } = retryAfterSeconds;
}
