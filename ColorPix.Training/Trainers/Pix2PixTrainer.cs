using ColorPix.Core.Engine;
using ColorPix.Core.Checkpoints;
using ColorPix.Core.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace ColorPix.Training.Trainers;

/// <summary>
/// pix2pix's documented lifecycle: set_input, forward, backward_D, backward_G, optimize_parameters.
/// Vanilla GAN loss (BCE with logits) on a PatchGAN conditioned on L, plus lambda * L1 (lambda = 100).
/// </summary>
public sealed class Pix2PixTrainer : ITrainer
{
    public const double LambdaL1 = 100.0;
    private readonly PatchDiscriminator discriminator;
    private readonly Adam optimizerG;
    private readonly Adam optimizerD;

    public ColorizationModel Model { get; }
    public string SelectionLoss => "l1";

    // set_input / forward results, owned by the caller's dispose scope
    private Tensor realL = null!, realAb = null!, fakeAb = null!;

    public Pix2PixTrainer(ColorizationModel model, double learningRate = 2e-4, double beta1 = 0.5, Device? device = null)
    {
        Model = model;
        discriminator = new PatchDiscriminator(model.Pix2PixConfig ?? throw new ArgumentException("not a Pix2Pix model"));
        discriminator.to(device ?? CPU);
        optimizerG = optim.Adam(model.Network.parameters(), lr: learningRate, beta1: beta1);
        optimizerD = optim.Adam(discriminator.parameters(), lr: learningRate, beta1: beta1);
    }

    public nn.Module<Tensor, Tensor> Discriminator => discriminator;

    public void SetLearningRate(double learningRate)
    {
        foreach (var group in optimizerG.ParamGroups.Concat(optimizerD.ParamGroups)) group.LearningRate = learningRate;
    }

    private void SetInput(Tensor lightness, Tensor ab)
    {
        realL = Model.Normalization.NetworkInput(lightness);
        realAb = Model.Normalization.FromAb(ab);
    }

    private void Forward() => fakeAb = Model.Network.forward(realL);

    private Tensor Discriminate(Tensor ab) => discriminator.forward(cat([realL, ab], 1));

    private static Tensor GanLoss(Tensor logits, bool real) =>
        F.binary_cross_entropy_with_logits(logits, real ? ones_like(logits) : zeros_like(logits));

    private double BackwardD()
    {
        var lossFake = GanLoss(Discriminate(fakeAb.detach()), real: false);
        var lossReal = GanLoss(Discriminate(realAb), real: true);
        var loss = lossFake.Plus(lossReal).Times(0.5);
        loss.backward();
        return loss.item<float>();
    }

    private (double Gan, double L1) BackwardG()
    {
        var gan = GanLoss(Discriminate(fakeAb), real: true);
        var l1 = F.l1_loss(fakeAb, realAb);
        gan.Plus(l1.Times(LambdaL1)).backward();
        return (gan.item<float>(), l1.item<float>());
    }

    private static void SetRequiresGrad(nn.Module module, bool value)
    {
        foreach (var p in module.parameters()) p.requires_grad = value;
    }

    public IReadOnlyDictionary<string, double> TrainStep(Tensor lightness, Tensor ab)
    {
        Model.Network.train();
        discriminator.train();
        SetInput(lightness, ab);
        Forward();

        SetRequiresGrad(discriminator, true);
        optimizerD.zero_grad();
        var lossD = BackwardD();
        optimizerD.step();

        SetRequiresGrad(discriminator, false);   // G's step must not accumulate gradients in D
        optimizerG.zero_grad();
        var (gan, l1) = BackwardG();
        optimizerG.step();

        return new Dictionary<string, double> { ["d"] = lossD, ["g_gan"] = gan, ["l1"] = l1 };
    }

    public IReadOnlyDictionary<string, double> ValidationLosses(Tensor lightness, Tensor ab)
    {
        Model.Network.eval();
        discriminator.eval();
        using var _ = no_grad();
        SetInput(lightness, ab);
        Forward();
        return new Dictionary<string, double>
        {
            ["l1"] = F.l1_loss(fakeAb, realAb).item<float>(),
            ["g_gan"] = GanLoss(Discriminate(fakeAb), real: true).item<float>(),
        };
    }

    public IReadOnlyDictionary<string, Tensor> TrainingState() =>
        discriminator.state_dict().Select(p => KeyValuePair.Create("discriminator." + p.Key, p.Value))
            .Concat(AdamState.Tensors(optimizerG, "adam_g"))
            .Concat(AdamState.Tensors(optimizerD, "adam_d"))
            .ToDictionary();

    public IReadOnlyDictionary<string, string> TrainingStateMetadata() =>
        new[] { AdamState.Step(optimizerG, "adam_g"), AdamState.Step(optimizerD, "adam_d") }.ToDictionary();

    public void LoadTrainingState(IReadOnlyDictionary<string, Tensor> state, IReadOnlyDictionary<string, string> metadata)
    {
        const string prefix = "discriminator.";
        var weights = state.Where(p => p.Key.StartsWith(prefix, StringComparison.Ordinal)).ToDictionary(p => p.Key[prefix.Length..], p => p.Value);
        StateDicts.Load(discriminator, weights, "the training state's discriminator");
        AdamState.Load(optimizerG, "adam_g", state, metadata);
        AdamState.Load(optimizerD, "adam_d", state, metadata);
    }

    public void Dispose()
    {
        optimizerG.Dispose();
        optimizerD.Dispose();
        discriminator.Dispose();
    }
}
