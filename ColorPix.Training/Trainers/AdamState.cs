using System.Globalization;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ColorPix.Training.Trainers;

/// <summary>
/// TorchSharp's Adam state (per parameter: step, first and second moments) as named tensors for the training-state
/// safetensors file: "PREFIX.exp_avg.I", "PREFIX.exp_avg_sq.I" and the step in the metadata as "PREFIX.step".
/// The names are those of the files earlier ColorPix versions wrote, so their runs still resume.
/// </summary>
internal static class AdamState
{
    public static IEnumerable<KeyValuePair<string, Tensor>> Tensors(Adam adam, string prefix) =>
        States(adam).SelectMany((s, i) => new[]
        {
            KeyValuePair.Create($"{prefix}.exp_avg.{i}", s.exp_avg),
            KeyValuePair.Create($"{prefix}.exp_avg_sq.{i}", s.exp_avg_sq),
        });

    public static KeyValuePair<string, string> Step(Adam adam, string prefix) =>
        KeyValuePair.Create($"{prefix}.step", States(adam).Select(s => s.step).DefaultIfEmpty(0).Max().ToString(CultureInfo.InvariantCulture));

    public static void Load(Adam adam, string prefix, IReadOnlyDictionary<string, Tensor> state, IReadOnlyDictionary<string, string> metadata)
    {
        if (!metadata.TryGetValue($"{prefix}.step", out var text) || !long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var step))
            throw new InvalidDataException($"training state lacks '{prefix}.step'");
        using var _ = no_grad();
        foreach (var (s, i) in States(adam).Select((s, i) => (s, i)))
        {
            if (!state.TryGetValue($"{prefix}.exp_avg.{i}", out var m) || !state.TryGetValue($"{prefix}.exp_avg_sq.{i}", out var v))
                throw new InvalidDataException($"training state lacks the {prefix} moments of parameter {i}");
            if (!m.shape.SequenceEqual(s.exp_avg.shape) || !v.shape.SequenceEqual(s.exp_avg_sq.shape))
                throw new InvalidDataException($"training state: the {prefix} moments of parameter {i} have the wrong shape");
            s.exp_avg.copy_(m);
            s.exp_avg_sq.copy_(v);
            s.step = step;
        }
    }

    private static IEnumerable<Adam.State> States(Adam adam) => adam.state_dict().State.Cast<Adam.State>();
}
