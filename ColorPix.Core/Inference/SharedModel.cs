using ColorPix.Core.Models;

namespace ColorPix.Core.Inference;

/// <summary>
/// A loaded model shared between the catalog and running batches, disposed when the last of them lets go:
/// a hot reload retires the old model while a batch still runs on it, and the batch finishes safely.
/// </summary>
internal sealed class SharedModel(ColorizationModel model, ModelInfo info)
{
    private int references = 1; // the catalog's own

    public ColorizationModel Model { get; } = model;
    public ModelInfo Info { get; } = info;

    /// <summary>A lease on the model, or null once it has been disposed (a swap won the race: ask again).</summary>
    public ModelLease? TryAcquire()
    {
        for (var seen = Volatile.Read(ref references); seen > 0; seen = Volatile.Read(ref references))
            if (Interlocked.CompareExchange(ref references, seen + 1, seen) == seen) return new ModelLease(this);
        return null;
    }

    /// <summary>Drops the catalog's reference: the model goes as soon as no batch uses it.</summary>
    public void Retire() => Release();

    internal void Release()
    {
        if (Interlocked.Decrement(ref references) == 0) Model.Dispose();
    }
}

/// <summary>The right to use a model until disposed; the model is not disposed under a lease.</summary>
public sealed class ModelLease : IDisposable
{
    private SharedModel? shared;

    internal ModelLease(SharedModel shared) => this.shared = shared;

    public ColorizationModel Model => (shared ?? throw new ObjectDisposedException(nameof(ModelLease))).Model;
    public ModelInfo Info => (shared ?? throw new ObjectDisposedException(nameof(ModelLease))).Info;

    public void Dispose() => Interlocked.Exchange(ref shared, null)?.Release();
}
