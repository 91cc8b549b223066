using ColorPix.Core.Engine;
using ColorPix.Core.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace ColorPix.Training.Trainers;

/// <summary>How the AutoEncoder's ab error is counted.</summary>
public enum AbLoss
{
    /// <summary>The course's: mean squared error, which a model minimises best by predicting desaturated means.</summary>
    Mse,
    /// <summary>Mean absolute error: the median instead of the mean, a little less prone to gray.</summary>
    L1,
    /// <summary>Squared error weighted by the rarity of the true colour (<see cref="AbRebalancing"/>).</summary>
    Rebalanced,
}

/// <summary>The course's regression of ab (errors computed on ab/128, the network's own range), with the loss chosen
/// by <see cref="AbLoss"/>. Whatever it trains with, it reports the plain MSE too, so runs with different losses
/// compare on one validation number.</summary>
public sealed class AutoEncoderTrainer : ITrainer
{
    private const double AbRange = 128.0;
    private readonly Adam adam;
    private readonly AbLoss loss;
    private readonly AbRebalancing? rebalancing;

    public ColorizationModel Model { get; }
    public string SelectionLoss => "mse";

    public AutoEncoderTrainer(ColorizationModel model, double learningRate = 1e-3, AbLoss loss = AbLoss.Mse)
    {
        Model = model;
        this.loss = loss;
        rebalancing = loss == AbLoss.Rebalanced ? new AbRebalancing() : null;
        adam = optim.Adam(model.Network.parameters(), lr: learningRate);
    }

    public void SetLearningRate(double learningRate)
    {
        foreach (var group in adam.ParamGroups) group.LearningRate = learningRate;
    }

    public IReadOnlyDictionary<string, double> TrainStep(Tensor lightness, Tensor ab)
    {
        Model.Network.train();
        adam.zero_grad();
        var predicted = Model.PredictAb(lightness).Over(AbRange);
        var target = ab.Over(AbRange);
        var objective = loss switch
        {
            AbLoss.L1 => F.l1_loss(predicted, target),
            AbLoss.Rebalanced => ((predicted - target).square() * rebalancing!.Weights(ab)).mean().Times(2), // mean over 2 channels, as MSE
            _ => F.mse_loss(predicted, target),
        };
        objective.backward();
        adam.step();
        var losses = new Dictionary<string, double> { ["mse"] = F.mse_loss(predicted.detach(), target).item<float>() };
        if (loss != AbLoss.Mse) losses[loss.ToString().ToLowerInvariant()] = objective.item<float>();
        return losses;
    }

    public IReadOnlyDictionary<string, double> ValidationLosses(Tensor lightness, Tensor ab)
    {
        Model.Network.eval();
        using var _ = no_grad();
        return new Dictionary<string, double> { ["mse"] = Loss(lightness, ab).item<float>() };
    }

    private Tensor Loss(Tensor lightness, Tensor ab) => F.mse_loss(Model.PredictAb(lightness).Over(AbRange), ab.Over(AbRange));

    public IReadOnlyDictionary<string, Tensor> TrainingState() => AdamState.Tensors(adam, "adam").ToDictionary();

    public IReadOnlyDictionary<string, string> TrainingStateMetadata() => new[] { AdamState.Step(adam, "adam") }.ToDictionary();

    public void LoadTrainingState(IReadOnlyDictionary<string, Tensor> state, IReadOnlyDictionary<string, string> metadata) =>
        AdamState.Load(adam, "adam", state, metadata);

    public void Dispose()
    {
        adam.Dispose();
        rebalancing?.Dispose();
    }
}
