using System.Diagnostics;
using System.Threading.Channels;
using ColorPix.Core.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace ColorPix.Core.Inference;

/// <summary>
/// One model's bounded queue and the thread that serves it: it takes up to MaxBatch requests, waiting at most
/// MaxDelayMs after the first for others, and runs them in one forward pass. A dedicated thread, not a pool task:
/// forward passes take long and would starve ASP.NET's thread pool, and grad mode is per thread in libtorch.
/// </summary>
internal sealed class ModelWorker
{
    private readonly ModelKind kind;
    private readonly ModelCatalog catalog;
    private readonly InferenceOptions options;
    private readonly Device device;
    private readonly Channel<QueuedRequest> channel;
    private readonly TaskCompletionSource stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Action<BatchReport> served;
    private int waiting, busy;
    private volatile bool closing;

    public BatchStatistics Statistics { get; } = new();

    /// <param name="served">Called on this worker's thread after each batch, before its requests complete: keep it cheap.</param>
    public ModelWorker(ModelKind kind, ModelCatalog catalog, InferenceOptions options, Action<BatchReport> served)
    {
        (this.kind, this.catalog, this.options, this.served, device) = (kind, catalog, options, served, catalog.Device);
        channel = Channel.CreateBounded<QueuedRequest>(new BoundedChannelOptions(options.Capacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait, // with TryWrite: a full queue refuses instead of waiting
        });
        new Thread(Run) { IsBackground = true, Name = $"colorpix-inference-{kind.Name()}" }.Start();
    }

    public int Waiting => Volatile.Read(ref waiting);
    public bool Busy => Volatile.Read(ref busy) == 1;

    /// <summary>Queues a request; refuses at once when the queue is full or closed.</summary>
    public Task<Prediction> Enqueue(PreparedImage image, CancellationToken cancellation)
    {
        Interlocked.Increment(ref waiting);
        var request = new QueuedRequest(image, cancellation, () => Interlocked.Decrement(ref waiting));
        if (channel.Writer.TryWrite(request)) return request.Task;
        if (!request.TryClaim()) return request.Task; // cancelled meanwhile: report that, not a full queue
        Interlocked.Decrement(ref waiting);
        request.Abandon();
        if (closing) throw new ModelUnavailableException(kind, "the service is shutting down");
        throw new QueueFullException(kind, options.Capacity, Statistics.RetryAfterSeconds(Waiting, options.MaxBatch));
    }

    /// <summary>Stops taking requests, serves those already queued, and ends the thread.</summary>
    public Task StopAsync()
    {
        closing = true;
        channel.Writer.TryComplete();
        return stopped.Task;
    }

    private void Run()
    {
        // Grad mode is thread-local: set once for this thread, so no forward pass here ever records a graph.
        using var noGrad = torch.no_grad();
        var batch = new List<QueuedRequest>(options.MaxBatch);
        try
        {
            while (Wait(Timeout.InfiniteTimeSpan))
            {
                Collect(batch);
                if (batch.Count > 0) Serve(batch);
                batch.Clear();
            }
        }
        finally
        {
            stopped.TrySetResult();
        }
    }

    /// <summary>Takes requests until the batch is full or MaxDelayMs has passed since its first one.</summary>
    private void Collect(List<QueuedRequest> batch)
    {
        var deadline = 0L;
        while (batch.Count < options.MaxBatch)
        {
            if (channel.Reader.TryRead(out var request))
            {
                if (!request.TryClaim()) continue; // cancelled while waiting: dropped
                Interlocked.Decrement(ref waiting);
                batch.Add(request);
                if (batch.Count == 1) deadline = Stopwatch.GetTimestamp() + (long)(options.MaxDelayMs / 1000.0 * Stopwatch.Frequency);
                continue;
            }
            if (batch.Count == 0) return;
            var remaining = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline);
            if (remaining <= TimeSpan.Zero || !Wait(remaining)) return;
        }
    }

    /// <summary>Blocks this thread until a request can be read (true) or the time is up or the queue ended (false).</summary>
    private bool Wait(TimeSpan timeout)
    {
        using var timer = new CancellationTokenSource(timeout);
        try
        {
            return channel.Reader.WaitToReadAsync(timer.Token).AsTask().GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>
    /// One forward pass for the batch; an error fails this batch's requests only. Statistics, the busy flag and
    /// the model lease are settled, and the batch reported, before any request completes, so a caller who sees its result sees them too.
    /// </summary>
    private void Serve(List<QueuedRequest> batch)
    {
        Volatile.Write(ref busy, 1);
        var waits = batch.Select(r => r.Age).ToList();
        var started = Stopwatch.GetTimestamp();
        var (abs, model, error) = Predict(batch);
        var duration = Stopwatch.GetElapsedTime(started);
        var succeeded = abs.Count(ab => ab is not null);
        Statistics.RecordBatch(duration, batch.Select(r => r.Age).ToList(), succeeded);
        served(new BatchReport(kind, model?.Version, duration, waits, succeeded));
        Volatile.Write(ref busy, 0);
        foreach (var (request, ab) in batch.Zip(abs))
            if (ab is not null) request.Succeed(new Prediction(ab, model!));
            else request.Fail(error ?? new InvalidOperationException("no result"));
    }

    /// <summary>Each request's ab, or null with the error that stopped it, and the one model version that ran the batch.</summary>
    private (Tensor?[] Abs, ModelInfo? Model, Exception? Error) Predict(List<QueuedRequest> batch)
    {
        var abs = new Tensor?[batch.Count];
        ModelInfo? model = null;
        try
        {
            using var lease = catalog.Acquire(kind) ?? throw new ModelUnavailableException(kind, catalog.Describe(kind).Problem ?? "not loaded");
            model = lease.Info;
            // Requests prepared for another size (the model was swapped for one of another size) cannot run;
            // they fail alone, the others still run.
            var size = lease.Model.ImageSize;
            var fitting = Enumerable.Range(0, batch.Count).Where(i => batch[i].Image.ModelSize == size).ToList();
            var predicted = Colorizer.Predict(lease.Model, fitting.Select(i => batch[i].Image).ToList(), device);
            for (var j = 0; j < fitting.Count; j++) abs[fitting[j]] = predicted[j];
            var misfit = batch.FirstOrDefault(r => r.Image.ModelSize != size);
            return (abs, model, misfit is null ? null
                : new ModelResizedException(kind, size));
        }
        catch (Exception error)
        {
            return (abs, model, error);
        }
    }
}
