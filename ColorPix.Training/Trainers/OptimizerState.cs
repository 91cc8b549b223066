using System.Globalization;
using ColorPix.Torch;

namespace ColorPix.Training.Trainers;

/// <summary>Reads optimizer state back out of a flat, prefixed training-state dictionary.</summary>
internal static class OptimizerState
{
    public static IReadOnlyDictionary<string, Tensor> Select(IReadOnlyDictionary<string, Tensor> state, string prefix) =>
        state.Where(p => p.Key.StartsWith(prefix, StringComparison.Ordinal)).ToDictionary(p => p.Key[prefix.Length..], p => p.Value);

    public static long Step(IReadOnlyDictionary<string, string> metadata, string key) =>
        metadata.TryGetValue(key, out var text) && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var step)
            ? step
            : throw new InvalidDataException($"training state lacks '{key}'");
}
