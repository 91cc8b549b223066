using ColorPix.Core.Engine;
using ColorPix.Core.Models;
using ColorPix.Training.Trainers;
using TorchSharp;
using static TorchSharp.torch;

namespace ColorPix.Training;

/// <summary>Everything `colorpix train` is told; recorded in the checkpoint and as MLflow params.</summary>
public sealed record TrainOptions
{
    public ModelKind Model { get; init; } = ModelKind.AutoEncoder;
    public string Data { get; init; } = "sample";
    public int Size { get; init; } = 128;
    public int Epochs { get; init; } = 10;
    public int Batch { get; init; } = 16;
    public int Seed { get; init; }
    public string? Resume { get; init; }
    public string Device { get; init; } = "cpu";
    public double? LearningRate { get; init; }
    /// <summary>AutoEncoder channel multiplier (1 = the course's 64..1024).</summary>
    public double Width { get; init; } = 1.0;
    /// <summary>Pix2Pix generator and discriminator base widths (64 in the reference).</summary>
    public int Ngf { get; init; } = 64;
    public int Workers { get; init; } = 2;
    /// <summary>Augmented passes over the training split per epoch: a small dataset still gets epochs long
    /// enough that validation, checkpoints and sample grids are not most of the work.</summary>
    public int Repeat { get; init; } = 1;
    /// <summary>Smallest share of a photo's area in a training crop (torchvision uses 0.08; small datasets gain from low values).</summary>
    public double MinCrop { get; init; } = 0.5;
    public string? RunName { get; init; }
    /// <summary>Last epochs over which the learning rate decays linearly towards 0, as the pix2pix reference's 'linear'
    /// policy (its n_epochs_decay); null: the second half of the run.</summary>
    public int? DecayEpochs { get; init; }
    /// <summary>The AutoEncoder's ab loss (Pix2Pix keeps GAN + L1).</summary>
    public AbLoss Loss { get; init; } = AbLoss.Mse;
    /// <summary>Share of training crops whose input is damaged like an old print (noise, blur, JPEG, fading, grain).</summary>
    public double Damage { get; init; }
    /// <summary>Caps the batches per epoch (smoke runs and tests); null for whole epochs.</summary>
    public int? MaxBatches { get; init; }

    public void Validate()
    {
        if (Epochs < 1) throw new ArgumentException("--epochs must be at least 1");
        if (Batch < 1) throw new ArgumentException("--batch must be at least 1");
        if (Size < 32 || Size % 32 != 0) throw new ArgumentException($"--size must be a multiple of 32 (got {Size})");
        if (Model == ModelKind.Pix2Pix && Size is not (128 or 256)) throw new ArgumentException($"Pix2Pix trains at --size 128 or 256 (got {Size})");
        if (Width <= 0 || Width > 4) throw new ArgumentException($"--width must be in (0, 4] (got {Width})");
        if (Ngf < 1) throw new ArgumentException($"--ngf must be positive (got {Ngf})");
        if (Workers < 1) throw new ArgumentException("--workers must be at least 1");
        if (Repeat < 1) throw new ArgumentException("--repeat must be at least 1");
        if (MinCrop is <= 0 or > 1) throw new ArgumentException($"--min-crop must be in (0, 1] (got {MinCrop})");
        if (LearningRate is <= 0) throw new ArgumentException("--lr must be positive");
        if (MaxBatches is < 1) throw new ArgumentException("--max-batches must be at least 1");
        if (DecayEpochs is < 0 || DecayEpochs > Epochs) throw new ArgumentException($"--decay-epochs must be within 0..--epochs (got {DecayEpochs})");
        if (Damage is < 0 or > 1) throw new ArgumentException($"--damage must be a probability in [0, 1] (got {Damage})");
        if (Loss != AbLoss.Mse && Model != ModelKind.AutoEncoder) throw new ArgumentException("--loss applies to the AutoEncoder only (Pix2Pix trains with GAN + L1)");
        Devices.Parse(Device).EnsureAvailable();
    }

    public Device TorchDevice => Devices.Parse(Device);

    public double EffectiveLearningRate => LearningRate ?? (Model == ModelKind.Pix2Pix ? 2e-4 : 1e-3);

    public int EffectiveDecayEpochs => DecayEpochs ?? Epochs / 2;

    /// <summary>The reference's lambda_rule: constant, then linear decay over the last DecayEpochs epochs (1-based).</summary>
    public double LearningRateAt(int epoch) =>
        EffectiveLearningRate * (1.0 - Math.Max(0, epoch - (Epochs - EffectiveDecayEpochs)) / (double)(EffectiveDecayEpochs + 1));

    public ColorizationModel CreateModel() => Model == ModelKind.AutoEncoder
        ? ColorizationModel.CreateAutoEncoder(new AutoEncoderConfig(Width), Size)
        : ColorizationModel.CreatePix2Pix(new Pix2PixConfig(Size, Ngf: Ngf, Ndf: Ngf));
}
