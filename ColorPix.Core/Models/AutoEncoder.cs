using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace ColorPix.Core.Models;

/// <summary>Configuration of the course AutoEncoder; Width scales every channel count (1.0 = the course's).</summary>
public sealed record AutoEncoderConfig(double Width = 1.0)
{
    public static readonly int[] CourseChannels = [64, 128, 256, 512, 1024];
    public int[] Channels => CourseChannels.Select(c => Math.Max(1, (int)Math.Round(c * Width))).ToArray();
}

/// <summary>
/// The Deep Colorization course's AutoEncoder (its Fig. 2): L in [0,100] rescaled to [-1,1]; five Conv2d 3x3
/// stride 2 "same" + ReLU + BatchNorm; five ConvTranspose2d 3x3 stride 2 + ReLU, the last with tanh;
/// output rescaled to ab in [-128,128]. Input sides must be multiples of 32.
/// </summary>
public sealed class AutoEncoder : Module<Tensor, Tensor>
{
    public AutoEncoderConfig Config { get; }
    private readonly Sequential encoder;
    private readonly Sequential decoder;

    public AutoEncoder(AutoEncoderConfig? config = null) : base(nameof(AutoEncoder))
    {
        Config = config ?? new AutoEncoderConfig();
        var channels = Config.Channels;
        encoder = Sequential();
        var previous = 1;
        foreach (var c in channels)
        {
            encoder.append(Conv2d(previous, c, 3, stride: 2, padding: 1)).append(ReLU()).append(BatchNorm2d(c));
            previous = c;
        }
        decoder = Sequential();
        foreach (var c in channels.Reverse().Skip(1).Append(2))
        {
            decoder.append(ConvTranspose2d(previous, c, 3, stride: 2, padding: 1, output_padding: 1));
            decoder.append(c == 2 ? Tanh() : (Module<Tensor, Tensor>)ReLU());
            previous = c;
        }
        RegisterComponents();
    }

    /// <summary>L [N,1,H,W] in [0,100] -> ab [N,2,H,W] in [-128,128].</summary>
    public override Tensor forward(Tensor lightness)
    {
        if (lightness.dim() != 4 || lightness.size(1) != 1 || lightness.size(2) % 32 != 0 || lightness.size(3) % 32 != 0)
            throw new ArgumentException($"AutoEncoder expects L shaped [N,1,H,W] with H and W multiples of 32, got [{string.Join(", ", lightness.shape)}]");
        var x = lightness / 50.0 - 1.0;
        return decoder.forward(encoder.forward(x)) * 128.0;
    }
}
