namespace ColorPix.Torch.NN;

/// <summary>
/// A network part, as torch.nn.Module: layers are fields registered with <see cref="RegisterModule"/>,
/// weights with <see cref="RegisterParameter"/>, statistics with <see cref="RegisterBuffer"/>. Dotted names
/// ("encoder.0.weight") are the checkpoint keys. A module owns its tensors and disposes them.
/// </summary>
public abstract class Module : IDisposable
{
    private readonly List<(string Name, Module Module)> children = [];
    private readonly List<(string Name, Tensor Tensor)> ownParameters = [];
    private readonly List<(string Name, Tensor Tensor)> ownBuffers = [];

    public bool training { get; private set; } = true;

    public abstract Tensor forward(Tensor input);
    public Tensor call(Tensor input) => forward(input);

    protected T RegisterModule<T>(string name, T module) where T : Module
    {
        children.Add((name, module));
        return module;
    }

    protected Tensor RegisterParameter(string name, Tensor tensor)
    {
        tensor.DetachFromDisposeScope().requires_grad = true;
        ownParameters.Add((name, tensor));
        return tensor;
    }

    protected Tensor RegisterBuffer(string name, Tensor tensor)
    {
        ownBuffers.Add((name, tensor.DetachFromDisposeScope()));
        return tensor;
    }

    public IEnumerable<(string Name, Module Module)> named_children() => children;

    public IEnumerable<(string Name, Tensor Tensor)> named_parameters(string prefix = "")
    {
        foreach (var (name, p) in ownParameters) yield return (prefix + name, p);
        foreach (var (name, m) in children)
        foreach (var item in m.named_parameters($"{prefix}{name}."))
            yield return item;
    }

    public IEnumerable<(string Name, Tensor Tensor)> named_buffers(string prefix = "")
    {
        foreach (var (name, b) in ownBuffers) yield return (prefix + name, b);
        foreach (var (name, m) in children)
        foreach (var item in m.named_buffers($"{prefix}{name}."))
            yield return item;
    }

    public IReadOnlyList<Tensor> parameters() => named_parameters().Select(p => p.Tensor).ToList();

    /// <summary>Parameters then buffers, by dotted name: what a checkpoint stores.</summary>
    public IReadOnlyDictionary<string, Tensor> state_dict() =>
        named_parameters().Concat(named_buffers()).ToDictionary(p => p.Name, p => p.Tensor);

    /// <summary>Copies values into this module's tensors; names and shapes must match exactly.</summary>
    public void load_state_dict(IReadOnlyDictionary<string, Tensor> state, bool strict = true)
    {
        var own = state_dict();
        if (strict)
        {
            var missing = own.Keys.Except(state.Keys).ToList();
            var unexpected = state.Keys.Except(own.Keys).ToList();
            if (missing.Count > 0 || unexpected.Count > 0)
                throw new TorchException($"state dict mismatch: missing [{string.Join(", ", missing)}], unexpected [{string.Join(", ", unexpected)}]");
        }
        foreach (var (name, target) in own)
        {
            if (!state.TryGetValue(name, out var source)) continue;
            if (!source.shape.SequenceEqual(target.shape))
                throw new TorchException($"shape mismatch for {name}: checkpoint [{string.Join(", ", source.shape)}], model [{string.Join(", ", target.shape)}]");
            target.copy_(source);
        }
    }

    public long parameter_count(bool trainable_only = true) =>
        named_parameters().Where(p => !trainable_only || p.Tensor.requires_grad).Sum(p => p.Tensor.numel());

    public Module train(bool mode = true)
    {
        training = mode;
        foreach (var (_, m) in children) m.train(mode);
        return this;
    }

    public Module eval() => train(false);

    public void zero_grad()
    {
        foreach (var (_, p) in named_parameters()) p.zero_grad();
    }

    /// <summary>Moves every parameter and buffer to a device in place (same tensors, new storage).</summary>
    public Module to(Device device)
    {
        foreach (var (_, t) in named_parameters().Concat(named_buffers()))
        {
            if (t.device == device) continue;
            using var moved = t.detach().to(device);
            t.set_data(moved);
        }
        return this;
    }

    public void Dispose()
    {
        foreach (var (_, p) in ownParameters) p.Dispose();
        foreach (var (_, b) in ownBuffers) b.Dispose();
        foreach (var (_, m) in children) m.Dispose();
        GC.SuppressFinalize(this);
    }
}
