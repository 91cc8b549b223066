using ColorPix.Core.Models;
using TorchSharp;
using static TorchSharp.torch;
using ColorPix.Core.Imaging;

namespace ColorPix.Core.Inference;

/// <summary>
/// The service's way to the models: one bounded, micro-batching queue and worker thread per model kind, in front
/// of a <see cref="ModelCatalog"/> (which it does not own). Kinds are never batched together.
/// </summary>
public sealed class ColorizationQueue : IAsyncDisposable
{
    private readonly ModelCatalog catalog;
    private readonly Dictionary<ModelKind, ModelWorker> workers;
    private int disposed;

    public InferenceOptions Options { get; }

    /// <summary>Raised on a worker thread after every batch, before its requests complete (so a client that has its
    /// result can already see it counted). Handlers must be quick and must not throw: they delay that model's queue.</summary>
    public event Action<BatchReport>? BatchServed;

    /// <summary>What every full-size image in flight reserves before it is decoded: uploads, colorizations.</summary>
    public MemoryBudget Memory { get; }

    public ColorizationQueue(ModelCatalog catalog, InferenceOptions options)
    {
        Options = options.Validated();
        Memory = new MemoryBudget(Options.MemoryBudgetBytes, TimeSpan.FromSeconds(Options.MemoryWaitSeconds));
        this.catalog = catalog;
        // Every kind gets a worker, loaded or not: a hot reload can make a missing model available later.
        workers = Enum.GetValues<ModelKind>().ToDictionary(kind => kind, kind => new ModelWorker(kind, catalog, Options, report => BatchServed?.Invoke(report)));
    }

    /// <summary>The size to prepare images for a kind, or an exception saying why that model is unavailable.</summary>
    public int ModelSize(ModelKind kind) =>
        catalog.ImageSize(kind) ?? throw new ModelUnavailableException(kind, catalog.Describe(kind).Problem ?? "not loaded");

    /// <summary>Prepares the image here, on the caller's thread, then colorizes it through the queue.</summary>
    public async Task<Image> ColorizeAsync(Image image, ModelKind kind, CancellationToken cancellation = default)
    {
        using var prepared = Colorizer.Prepare(image, ModelSize(kind));
        return await ColorizeAsync(prepared, kind, cancellation);
    }

    /// <summary>
    /// Colorizes a prepared image: the prediction is batched, the finishing runs on this request's own
    /// continuation, off the worker thread. The caller keeps <paramref name="prepared"/> alive until the task ends.
    /// </summary>
    /// <exception cref="QueueFullException">The model's queue is full: retry after the time it carries.</exception>
    /// <exception cref="ModelUnavailableException">The model is not loaded, or the service is stopping.</exception>
    public async Task<Image> ColorizeAsync(PreparedImage prepared, ModelKind kind, CancellationToken cancellation = default) =>
        (await ColorizeVersionedAsync(prepared, kind, cancellation)).Image;

    /// <summary><see cref="ColorizeAsync(PreparedImage, ModelKind, CancellationToken)"/>, with the model version that made the
    /// result: across a hot swap, the version of this request's batch, not the one current when it ends.</summary>
    /// <remarks>A swap to a model of another input size while the request waited is absorbed: the image is prepared
    /// again for the new size and queued once more (twice at most).</remarks>
    public async Task<(Image Image, ModelInfo Model)> ColorizeVersionedAsync(PreparedImage prepared, ModelKind kind, CancellationToken cancellation = default)
    {
        try
        {
            return await FinishAsync(prepared, kind, cancellation);
        }
        catch (ModelResizedException resized)
        {
            // A promotion and a rollback in a row can resize twice; past that the caller gets the 503 to retry.
            try
            {
                return await FinishAtAsync(prepared.Source, resized.Size, kind, cancellation);
            }
            catch (ModelResizedException again)
            {
                return await FinishAtAsync(prepared.Source, again.Size, kind, cancellation);
            }
        }
    }

    private async Task<(Image Image, ModelInfo Model)> FinishAtAsync(Image source, int size, ModelKind kind, CancellationToken cancellation)
    {
        using var prepared = Colorizer.Prepare(source, size);
        return await FinishAsync(prepared, kind, cancellation);
    }

    private async Task<(Image Image, ModelInfo Model)> FinishAsync(PreparedImage prepared, ModelKind kind, CancellationToken cancellation)
    {
        using var prediction = await PredictAsync(prepared, kind, cancellation);
        cancellation.ThrowIfCancellationRequested(); // the client left while its batch ran: skip the finishing
        return (Colorizer.Finish(prepared, prediction.Ab), prediction.Model);
    }

    /// <summary>The ab [1,2,S,S] of a prepared image, batched with other requests, with its model; the caller disposes it.</summary>
    public Task<Prediction> PredictAsync(PreparedImage prepared, ModelKind kind, CancellationToken cancellation = default)
    {
        if (Volatile.Read(ref disposed) == 1) throw new ModelUnavailableException(kind, "the service is shutting down");
        cancellation.ThrowIfCancellationRequested();
        ModelSize(kind); // an unloaded model is refused here, not after waiting in its queue
        return workers[kind].Enqueue(prepared, cancellation);
    }

    public InferenceStatus Status()
    {
        var models = workers.Select(pair =>
        {
            var (kind, worker) = (pair.Key, pair.Value);
            var availability = catalog.Describe(kind);
            var (processed, failed, averageBatch, p50, p95) = worker.Statistics.Snapshot();
            return new ModelStatus(kind, availability.Info, availability.Problem, worker.Waiting, worker.Busy,
                processed, failed, averageBatch, p50, p95);
        }).ToList();
        return new InferenceStatus(InferenceStatus.StateOf(models), models);
    }

    /// <summary>Stops accepting requests, serves the ones already queued, and joins the worker threads.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1) return;
        await Task.WhenAll(workers.Values.Select(w => w.StopAsync()));
    }
}
