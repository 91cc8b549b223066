using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace ColorPix.Core.Models;

/// <summary>
/// Pix2Pix for colorization (the reference implementation's colorization mode): L/50-1 in, ab/110 out.
/// ImageSize fixes the UNet depth (128 -> unet_128, 7 downsamplings; 256 -> unet_256, 8).
/// OutermostDownBias: the first convolution has a bias, where the reference has none. Only the networks of
/// checkpoint format 1 (the shipped Pix2Pix among them) were built so; new ones follow the reference.
/// </summary>
public sealed record Pix2PixConfig(int ImageSize = 128, int Ngf = 64, int Ndf = 64, bool Dropout = true, int DiscriminatorLayers = 3,
    bool OutermostDownBias = false)
{
    public int Downsamplings => ImageSize switch
    {
        128 => 7,
        256 => 8,
        _ => throw new ArgumentException($"Pix2Pix supports image sizes 128 (unet_128) and 256 (unet_256), not {ImageSize}"),
    };
}

/// <summary>
/// The reference's init_weights(init_type='normal', gain=0.02), decided by module type as it does: every
/// convolution (transposed too) N(0, 0.02) with bias 0, every BatchNorm2d weight N(1, 0.02) with bias 0.
/// </summary>
internal static class Pix2PixInit
{
    private const double Gain = 0.02;

    public static void Apply(nn.Module network)
    {
        using var _ = no_grad();
        foreach (var module in network.modules())
        {
            switch (module)
            {
                case Convolution conv:
                    conv.weight.normal_(0.0, Gain);
                    conv.bias?.zero_();
                    break;
                case BatchNorm2d norm:
                    norm.weight?.normal_(1.0, Gain);
                    norm.bias?.zero_();
                    break;
            }
        }
    }
}

/// <summary>The UNet generator: nested skip blocks, outermost first.</summary>
public sealed class UnetGenerator : Module<Tensor, Tensor>
{
    private readonly UnetBlock model;

    public UnetGenerator(Pix2PixConfig config) : base(nameof(UnetGenerator))
    {
        var ngf = config.Ngf;
        var block = new UnetBlock(ngf * 8, ngf * 8, UnetBlock.Kind.Innermost);
        for (var i = 0; i < config.Downsamplings - 5; i++)
            block = new UnetBlock(ngf * 8, ngf * 8, UnetBlock.Kind.Middle, block, config.Dropout);
        block = new UnetBlock(ngf * 4, ngf * 8, UnetBlock.Kind.Middle, block);
        block = new UnetBlock(ngf * 2, ngf * 4, UnetBlock.Kind.Middle, block);
        block = new UnetBlock(ngf, ngf * 2, UnetBlock.Kind.Middle, block);
        model = new UnetBlock(2, ngf, UnetBlock.Kind.Outermost, block, inputChannels: 1, downBias: config.OutermostDownBias);
        RegisterComponents();
        Pix2PixInit.Apply(this);
    }

    /// <summary>Normalised L [N,1,H,W] in [-1,1] -> normalised ab [N,2,H,W] in [-1,1].</summary>
    public override Tensor forward(Tensor input) => model.forward(input);
}

/// <summary>One level of the UNet: down, the inner levels, up, and (except outermost) the skip concatenation.</summary>
public sealed class UnetBlock : Module<Tensor, Tensor>
{
    public enum Kind { Outermost, Middle, Innermost }

    private readonly Kind kind;
    private readonly Sequential down;
    private readonly UnetBlock? inner;
    private readonly Sequential up;

    /// <summary>As the reference's UnetSkipConnectionBlock with BatchNorm, whose use_bias follows the norm type, not the
    /// layer: no down-convolution has a bias, not even the outermost and innermost ones that no norm follows (downBias
    /// adds one for format-1 networks); of the up-convolutions only the outermost, which feeds tanh, has one.</summary>
    public UnetBlock(int outerChannels, int innerChannels, Kind kind, UnetBlock? inner = null, bool dropout = false, int? inputChannels = null,
        bool downBias = false)
        : base(nameof(UnetBlock))
    {
        this.kind = kind;
        var input = inputChannels ?? outerChannels;
        down = Sequential();
        if (kind != Kind.Outermost) down.append(LeakyReLU(0.2));
        down.append(Conv2d(input, innerChannels, 4, stride: 2, padding: 1, bias: downBias));
        if (kind == Kind.Middle) down.append(BatchNorm2d(innerChannels));

        this.inner = inner;

        var upInput = kind == Kind.Innermost ? innerChannels : innerChannels * 2;
        up = Sequential(ReLU());
        up.append(ConvTranspose2d(upInput, outerChannels, 4, stride: 2, padding: 1, bias: kind == Kind.Outermost));
        if (kind == Kind.Outermost) up.append(Tanh());
        else up.append(BatchNorm2d(outerChannels));
        if (dropout) up.append(Dropout(0.5));
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        var y = down.forward(x);
        if (inner is not null) y = inner.forward(y);
        y = up.forward(y);
        return kind == Kind.Outermost ? y : cat([x, y], 1);
    }
}

/// <summary>The 70x70 PatchGAN discriminator, conditioned on L: input is cat(L, ab), output one logit per patch.</summary>
public sealed class PatchDiscriminator : Module<Tensor, Tensor>
{
    private readonly Sequential model;

    public PatchDiscriminator(Pix2PixConfig config) : base(nameof(PatchDiscriminator))
    {
        var ndf = config.Ndf;
        model = Sequential(Conv2d(3, ndf, 4, stride: 2, padding: 1), LeakyReLU(0.2));
        var multiplier = 1;
        for (var n = 1; n <= config.DiscriminatorLayers; n++)
        {
            var previous = multiplier;
            multiplier = Math.Min(1 << n, 8);
            var stride = n == config.DiscriminatorLayers ? 1 : 2;
            model.append(Conv2d(ndf * previous, ndf * multiplier, 4, stride: stride, padding: 1, bias: false))
                 .append(BatchNorm2d(ndf * multiplier))
                 .append(LeakyReLU(0.2));
        }
        model.append(Conv2d(ndf * multiplier, 1, 4, stride: 1, padding: 1));
        RegisterComponents();
        Pix2PixInit.Apply(this);
    }

    public override Tensor forward(Tensor lab) => model.forward(lab);
}
