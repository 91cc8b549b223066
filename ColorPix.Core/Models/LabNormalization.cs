using ColorPix.Core.Engine;
using TorchSharp;
using static TorchSharp.torch;

namespace ColorPix.Core.Models;

/// <summary>
/// How a network's input and output relate to Lab: input = L / LDivisor - LOffset, ab = output * AbScale.
/// It travels in the checkpoint metadata, so a model is always fed and read the way it was trained.
/// </summary>
public sealed record LabNormalization(double LDivisor, double LOffset, double AbScale)
{
    /// <summary>The AutoEncoder rescales inside the network (the course's Rescaling layers): raw L in, raw ab out.</summary>
    public static readonly LabNormalization InNetwork = new(1, 0, 1);

    /// <summary>The pix2pix reference's colorization mode: L/50 - 1 and ab/110.</summary>
    public static readonly LabNormalization Pix2Pix = new(50, 1, 110);

    public Tensor NetworkInput(Tensor lightness) => lightness.Over(LDivisor).Minus(LOffset);
    public Tensor ToAb(Tensor output) => output.Times(AbScale);
    public Tensor FromAb(Tensor ab) => ab.Over(AbScale);

    public string Describe() => FormattableString.Invariant($"input=L/{LDivisor}-{LOffset}; ab=output*{AbScale}");
}
