using ColorPix.Core.Engine;
using System.Text.Json.Serialization;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace ColorPix.Core.Models;

/// <summary>How each decoder layer of the AutoEncoder doubles the resolution.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AutoEncoderUpsampling>))]
public enum AutoEncoderUpsampling
{
    /// <summary>
    /// The course's ConvTranspose2d 3x3 stride 2: even output positions get one kernel tap per axis, odd ones two,
    /// so even a flat input comes out as a checkerboard, and the deepest layer's (period 32 px at the model's size)
    /// shows as blocky tiles across skies. Only the networks of checkpoint format 1 (the shipped one) were built so.
    /// </summary>
    TransposedConvolution,

    /// <summary>
    /// Conv2d 3x3 stride 1 at the layer's input resolution, its activation, then bilinear x2 upsampling: the same
    /// weights, cost and output shapes as the course's layers, and no checkerboard (every output position is made
    /// alike, so a flat input stays flat).
    /// </summary>
    ConvolutionThenBilinear,
}

/// <summary>Configuration of the course AutoEncoder; Width scales every channel count (1.0 = the course's).</summary>
public sealed record AutoEncoderConfig(double Width = 1.0, AutoEncoderUpsampling Upsampling = AutoEncoderUpsampling.ConvolutionThenBilinear)
{
    public static readonly int[] CourseChannels = [64, 128, 256, 512, 1024];
    public int[] Channels => CourseChannels.Select(c => Math.Max(1, (int)Math.Round(c * Width))).ToArray();
}

/// <summary>
/// The Deep Colorization course's AutoEncoder (its Fig. 2): L in [0,100] rescaled to [-1,1]; five Conv2d 3x3
/// stride 2 "same" + ReLU + BatchNorm; five decoder layers, each doubling the resolution (3x3 weights, see
/// <see cref="AutoEncoderUpsampling"/>) + ReLU, the last with tanh; output rescaled to ab in [-128,128].
/// Input sides must be multiples of 32.
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
            var activation = c == 2 ? Tanh() : (Module<Tensor, Tensor>)ReLU();
            if (Config.Upsampling == AutoEncoderUpsampling.TransposedConvolution)
                decoder.append(ConvTranspose2d(previous, c, 3, stride: 2, padding: 1, output_padding: 1)).append(activation);
            else
                decoder.append(Conv2d(previous, c, 3, padding: 1)).append(activation)
                       .append(Upsample(scale_factor: [2.0, 2.0], mode: UpsampleMode.Bilinear, align_corners: false));
            previous = c;
        }
        RegisterComponents();
    }

    /// <summary>L [N,1,H,W] in [0,100] -> ab [N,2,H,W] in [-128,128].</summary>
    public override Tensor forward(Tensor lightness)
    {
        if (lightness.dim() != 4 || lightness.size(1) != 1 || lightness.size(2) % 32 != 0 || lightness.size(3) % 32 != 0)
            throw new ArgumentException($"AutoEncoder expects L shaped [N,1,H,W] with H and W multiples of 32, got [{string.Join(", ", lightness.shape)}]");
        var x = lightness.Over(50).Minus(1);
        return decoder.forward(encoder.forward(x)).Times(128);
    }
}
