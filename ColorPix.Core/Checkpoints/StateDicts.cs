using TorchSharp;
using static TorchSharp.torch;

namespace ColorPix.Core.Checkpoints;

/// <summary>Loads a module's weights from a file's tensors, refusing a file that does not fit the network
/// with a message that says which names or shapes differ (TorchSharp's own check only says "not identical").</summary>
public static class StateDicts
{
    public static void Load(nn.Module module, IReadOnlyDictionary<string, Tensor> state, string source)
    {
        var own = module.state_dict();
        var missing = own.Keys.Except(state.Keys).ToList();
        var unexpected = state.Keys.Except(own.Keys).ToList();
        if (missing.Count > 0 || unexpected.Count > 0)
            throw new InvalidDataException($"{source} does not fit the network: missing [{string.Join(", ", missing)}], unexpected [{string.Join(", ", unexpected)}]");
        foreach (var (name, target) in own)
            if (!state[name].shape.SequenceEqual(target.shape))
                throw new InvalidDataException($"{source}: {name} is [{string.Join(", ", state[name].shape)}] in the file, [{string.Join(", ", target.shape)}] in the network");
        module.load_state_dict(new Dictionary<string, Tensor>(state));
    }
}
