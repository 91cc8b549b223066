using static TorchSharp.torch;

namespace ColorPix.Core.Engine;

public static class Modules
{
    /// <summary>Trainable weights of a network, as PyTorch counts them (sum of numel over parameters()).</summary>
    public static long ParameterCount(this nn.Module module) => module.parameters().Sum(p => p.numel());
}
