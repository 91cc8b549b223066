namespace ColorPix.Core.Inference;

/// <summary>How the inference queues run: bound on waiting requests and micro-batching. They run on the device
/// the models were loaded on (<see cref="ModelCatalog.Device"/>), so there is no second device setting to disagree.</summary>
public sealed record InferenceOptions
{
    /// <summary>Requests that may wait per model; beyond it, requests are refused (503) rather than queued.</summary>
    public int Capacity { get; init; } = 32;

    /// <summary>Most requests per forward pass; 1 disables batching.</summary>
    public int MaxBatch { get; init; } = 4;

    /// <summary>How long a batch waits after its first request for others to join; 0 runs at once.</summary>
    public int MaxDelayMs { get; init; } = 10;

    /// <summary>Memory that full-size images in flight (decoded uploads, colorizations and their encodings) may take
    /// together, in MB; work beyond it waits (<see cref="MemoryWaitSeconds"/>), then is refused with 503.
    /// The default holds two 40-megapixel colorizations by both models at once.</summary>
    public int MemoryBudgetMB { get; init; } = 2048;

    /// <summary>How long a request may wait for memory before it is refused (503 with Retry-After).</summary>
    public int MemoryWaitSeconds { get; init; } = 30;

    public long MemoryBudgetBytes => (long)MemoryBudgetMB << 20;

    /// <summary>The problems of these options, one sentence each; empty when they are usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Capacity < 1) problems.Add($"Capacity must be at least 1 (requests that may wait per model), not {Capacity}.");
        if (MaxBatch < 1) problems.Add($"MaxBatch must be at least 1 (1 disables batching), not {MaxBatch}.");
        if (MaxDelayMs is < 0 or > 10_000) problems.Add($"MaxDelayMs must be between 0 and 10000 ms, not {MaxDelayMs}.");
        if (MemoryBudgetMB < 64) problems.Add($"MemoryBudgetMB must be at least 64 (MB of full-size images in flight), not {MemoryBudgetMB}.");
        if (MemoryWaitSeconds is < 0 or > 600) problems.Add($"MemoryWaitSeconds must be between 0 and 600, not {MemoryWaitSeconds}.");
        return problems;
    }

    /// <summary>These options, or an ArgumentException listing every problem.</summary>
    public InferenceOptions Validated()
    {
        var problems = Problems();
        return problems.Count == 0 ? this : throw new ArgumentException("invalid inference options: " + string.Join(" ", problems));
    }
}
