namespace ColorPix.Torch;

/// <summary>
/// Collects every tensor created on this thread while it is the current scope, and disposes them all
/// when it ends: one scope per training step or request keeps native memory flat.
/// Keep a result with <see cref="Tensor.MoveToOuterDisposeScope"/> or <see cref="Tensor.DetachFromDisposeScope"/>.
/// </summary>
public sealed class DisposeScope : IDisposable
{
    [ThreadStatic] private static DisposeScope? current;

    private readonly HashSet<Tensor> tensors = new(ReferenceEqualityComparer.Instance);
    private readonly DisposeScope? outer;
    private bool disposed;

    internal DisposeScope()
    {
        outer = current;
        current = this;
    }

    internal static DisposeScope? Current => current;
    internal DisposeScope? Outer => outer;
    public int Count => tensors.Count;

    internal void Add(Tensor tensor) => tensors.Add(tensor);
    internal bool Remove(Tensor tensor) => tensors.Remove(tensor);

    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        foreach (var tensor in tensors) tensor.DisposeFromScope();
        tensors.Clear();
        if (ReferenceEquals(current, this)) current = outer;
    }
}
