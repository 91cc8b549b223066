namespace ColorPix.Web.Albums;

/// <summary>Wakes this process's idle album workers when an album arrives, so that they need not poll often; work
/// from other replicas (and retries) is found by polling.</summary>
public sealed class AlbumSignal
{
    private TaskCompletionSource next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Take this before looking for work, then wait on it: an album that arrives in between still wakes you.</summary>
    public Task Next => Volatile.Read(ref next).Task;

    public void Notify() =>
        Interlocked.Exchange(ref next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
