using TorchSharp;
using static TorchSharp.torch;

namespace ColorPix.Core.Inference;

/// <summary>
/// One request waiting for a batch. Either the worker claims it (it will run) or its caller cancels it (it is
/// dropped, and the worker never touches its tensors again, so the caller may dispose them at once).
/// </summary>
internal sealed class QueuedRequest
{
    private const int Waiting = 0, Claimed = 1, Cancelled = 2;

    private readonly TaskCompletionSource<Prediction> completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenRegistration registration;
    private int state;

    /// <summary>Registered before the request is queued, so no worker can see it half built; a token already
    /// cancelled drops it at once.</summary>
    public QueuedRequest(PreparedImage image, CancellationToken token, Action onDropped)
    {
        Image = image;
        registration = token.Register(() =>
        {
            if (Interlocked.CompareExchange(ref state, Cancelled, Waiting) != Waiting) return;
            onDropped();
            completion.TrySetCanceled(token);
        });
    }

    public PreparedImage Image { get; }
    public long EnqueuedAt { get; } = TimeProvider.System.GetTimestamp();
    public Task<Prediction> Task => completion.Task;

    /// <summary>True when the request will run; false when its caller already gave up on it.</summary>
    public bool TryClaim() => Interlocked.CompareExchange(ref state, Claimed, Waiting) == Waiting;

    public void Succeed(Prediction prediction)
    {
        registration.Dispose();
        if (!completion.TrySetResult(prediction)) prediction.Dispose();
    }

    /// <summary>Forgets a request that never made it into the queue.</summary>
    public void Abandon() => registration.Dispose();

    public void Fail(Exception error)
    {
        registration.Dispose();
        completion.TrySetException(error);
    }

    public TimeSpan Age => TimeProvider.System.GetElapsedTime(EnqueuedAt);
}

/// <summary>A request's ab [1,2,S,S] and the model version that computed it (a swap may happen between requests,
/// never inside a batch). Disposing it disposes the tensor.</summary>
public sealed record Prediction(Tensor Ab, ModelInfo Model) : IDisposable
{
    public void Dispose() => Ab.Dispose();
}
