using ColorPix.Core.Models;

namespace ColorPix.Core.Inference;

/// <summary>A model's queue is at capacity: the request is refused at once, with when to try again
/// (the HTTP layer answers 503 with this as Retry-After).</summary>
public sealed class QueueFullException(ModelKind kind, int capacity, int retryAfterSeconds)
    : Exception($"the {kind.Name()} queue is full ({capacity} requests waiting); retry in {retryAfterSeconds} s")
{
    public ModelKind Kind { get; } = kind;
    public int RetryAfterSeconds { get; } = retryAfterSeconds;
}

/// <summary>The model asked for is not loaded (missing or broken checkpoint), or the service is shutting down.</summary>
public sealed class ModelUnavailableException(ModelKind kind, string reason)
    : Exception($"the {kind.Name()} model is unavailable: {reason}")
{
    public ModelKind Kind { get; } = kind;
    public string Reason { get; } = reason;
}

/// <summary>A request was prepared for the size of a model that a hot swap replaced with one of another size: prepare
/// the image again for <see cref="Size"/> (<see cref="ColorizationQueue"/> does it once by itself).</summary>
public sealed class ModelResizedException(ModelKind kind, int size)
    : InvalidOperationException($"the {kind.Name()} model was replaced by one that takes {size} px while this request waited: prepare it again")
{
    public int Size { get; } = size;
}
