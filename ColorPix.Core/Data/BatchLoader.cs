using System.Collections;
using System.Collections.Concurrent;

namespace ColorPix.Core.Data;

/// <summary>
/// One epoch of batches, decoded by background threads into a bounded buffer and delivered in plan order
/// (so a seed gives the same batches in the same order, however the threads interleave).
/// Enumerate it once; leaving the loop early, cancelling or disposing stops the threads and disposes the
/// batches not yet taken. A worker's error ends the enumeration with a <see cref="DataLoaderException"/>.
/// <code>
/// using var loader = new BatchLoader(dataset, SampleTransforms.For(Split.Train, 256), options, epoch);
/// foreach (var batch in loader) using (batch) { ... }
/// </code>
/// </summary>
public sealed class BatchLoader : IEnumerable<ColorizationBatch>, IDisposable
{
    private readonly ImageFolderDataset dataset;
    private readonly ISampleTransform transform;
    private readonly LoaderOptions options;
    private readonly int epoch;
    private readonly int[][] plan;
    private readonly CancellationToken cancellation;
    private readonly CancellationTokenSource stop;
    private readonly CancellationTokenRegistration wakeOnStop;
    private readonly Thread[] workers;
    private readonly ConcurrentQueue<SkippedFile> skipped = new();

    // Guarded by gate: batch k is claimed by a worker, then ready, then taken by the consumer, in order of k.
    private readonly object gate = new();
    private readonly Dictionary<int, ColorizationBatch?> ready = [];
    private int nextToClaim, nextToTake;
    private DataLoaderException? failure;
    private bool started, disposed;

    public BatchLoader(ImageFolderDataset dataset, ISampleTransform transform, LoaderOptions? options = null, int epoch = 0,
        CancellationToken cancellation = default)
    {
        this.options = options ?? new LoaderOptions();
        this.options.Validate();
        (this.dataset, this.transform, this.epoch, this.cancellation) = (dataset, transform, epoch, cancellation);
        plan = EpochPlan.Batches(dataset.Count, this.options, epoch);
        stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        wakeOnStop = stop.Token.Register(WakeAll);
        workers = Enumerable.Range(0, this.options.Workers)
            .Select(i => new Thread(Work) { IsBackground = true, Name = $"colorpix-loader-{i}" })
            .ToArray();
    }

    /// <summary>Batches this epoch will yield, at most (fewer if every file of a batch is skipped).</summary>
    public int BatchCount => plan.Length;

    /// <summary>Files that could not be used this epoch (became unreadable, or grayscale), with the reason.</summary>
    public IReadOnlyCollection<SkippedFile> Skipped => skipped;

    public IEnumerator<ColorizationBatch> GetEnumerator()
    {
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (started) throw new InvalidOperationException("a BatchLoader delivers one epoch once: create one per epoch");
            started = true;
        }
        foreach (var worker in workers) worker.Start();
        return Deliver();
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private IEnumerator<ColorizationBatch> Deliver()
    {
        try
        {
            while (TakeNext() is { } batch) yield return batch;
        }
        finally
        {
            Dispose();
        }
    }

    private ColorizationBatch? TakeNext()
    {
        lock (gate)
        {
            while (true)
            {
                if (failure is not null) throw failure;
                cancellation.ThrowIfCancellationRequested();
                ObjectDisposedException.ThrowIf(disposed, this);
                if (nextToTake == plan.Length) return null;
                if (ready.Remove(nextToTake, out var batch))
                {
                    nextToTake++;
                    Monitor.PulseAll(gate);
                    if (batch is not null) return batch;
                    continue; // every file of that batch was skipped
                }
                Monitor.Wait(gate);
            }
        }
    }

    private void Work()
    {
        while (Claim() is { } index)
        {
            ColorizationBatch? batch;
            try
            {
                batch = Produce(plan[index]);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                lock (gate) failure ??= new DataLoaderException($"loading batch {index} of epoch {epoch} failed: {e.Message}", e);
                WakeAll();
                return;
            }
            lock (gate)
            {
                if (stop.IsCancellationRequested) { batch?.Dispose(); return; }
                ready[index] = batch;
                Monitor.PulseAll(gate);
            }
        }
    }

    /// <summary>The next batch to make, once the buffer has room; null when the epoch is done or stopping.</summary>
    private int? Claim()
    {
        lock (gate)
        {
            while (!stop.IsCancellationRequested && failure is null && nextToClaim < plan.Length
                   && nextToClaim - nextToTake >= options.Capacity)
                Monitor.Wait(gate);
            if (stop.IsCancellationRequested || failure is not null || nextToClaim >= plan.Length) return null;
            return nextToClaim++;
        }
    }

    private ColorizationBatch? Produce(int[] indices)
    {
        var samples = new List<ColorizationSample>(indices.Length);
        var paths = new List<string>(indices.Length);
        foreach (var index in indices)
        {
            stop.Token.ThrowIfCancellationRequested();
            using var image = dataset.TryLoad(index, out var rejection);
            if (image is null)
            {
                skipped.Enqueue(new SkippedFile(dataset.Entries[index].Path, rejection!));
                continue;
            }
            samples.Add(transform.Sample(image, EpochPlan.ForSample(options.Seed, epoch, index)));
            paths.Add(dataset.Entries[index].Path);
        }
        return samples.Count == 0 ? null : ColorizationBatch.FromRgb(samples, transform.Size, paths);
    }

    private void WakeAll()
    {
        lock (gate) Monitor.PulseAll(gate);
    }

    public void Dispose()
    {
        lock (gate)
        {
            if (disposed) return;
            disposed = true;
        }
        stop.Cancel();
        if (started)
            foreach (var worker in workers) worker.Join();
        lock (gate)
        {
            foreach (var batch in ready.Values) batch?.Dispose();
            ready.Clear();
        }
        wakeOnStop.Dispose();
        stop.Dispose();
    }
}
