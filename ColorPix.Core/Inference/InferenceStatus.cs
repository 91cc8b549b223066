using ColorPix.Core.Models;

namespace ColorPix.Core.Inference;

/// <summary>What /status reports: Available (requests start at once), Busy (they wait behind others), or
/// Unavailable (no model is loaded).</summary>
public enum ServiceState { Available, Busy, Unavailable }

/// <summary>One model's queue at a moment. Latencies are from queued to predicted, over recent requests.</summary>
public sealed record ModelStatus(
    ModelKind Kind,
    ModelInfo? Model,
    string? Problem,
    int Waiting,
    bool BatchRunning,
    long Processed,
    long Failed,
    double AverageBatchSize,
    double? P50Ms,
    double? P95Ms)
{
    public bool Available => Model is not null;
}

/// <summary>An immutable snapshot of every model's queue.</summary>
public sealed record InferenceStatus(ServiceState State, IReadOnlyList<ModelStatus> Models)
{
    public static ServiceState StateOf(IReadOnlyList<ModelStatus> models) =>
        !models.Any(m => m.Available) ? ServiceState.Unavailable
        : models.Any(m => m.Waiting > 0) ? ServiceState.Busy
        : ServiceState.Available;
}
