using ColorPix.Core.Checkpoints;
using ColorPix.Core.Models;
using TorchSharp;

namespace ColorPix.Tests.Api.Lifecycle;

/// <summary>
/// Tiny AutoEncoders of known quality: the last convolution's weights are zero, so the output is 128·tanh(bias)
/// everywhere. Bias 0 predicts ab = 0 (exactly the gray baseline); bias 3 paints every pixel deep magenta-yellow
/// (ab ≈ +127, far worse than gray). A seed makes different files (versions) of equal quality.
/// </summary>
internal static class LifecycleCheckpoints
{
    public const float Gray = 0f, Saturated = 3f;

    public static string AutoEncoder(string folder, string name, float outputBias, int seed = 0, int size = 64)
    {
        torch.manual_seed(seed);
        var path = Path.Combine(folder, $"{name}.safetensors");
        using var model = ColorizationModel.CreateAutoEncoder(new AutoEncoderConfig(0.125), size);
        using (torch.no_grad())
        {
            var parameters = model.Network.parameters().ToList();
            parameters[^2].zero_();
            using var bias = outputBias.ToScalar();
            parameters[^1].fill_(bias);
        }
        ModelCheckpoint.Save(path, model);
        return path;
    }

    /// <summary>A file that is not a checkpoint at all.</summary>
    public static byte[] Garbage { get; } = "not a safetensors file, whatever its name says"u8.ToArray();
}
