using System.Globalization;
using ColorPix.Core.Models;
using ColorPix.Torch;
using ColorPix.Torch.NN;
using ColorPix.Torch.Optim;

namespace ColorPix.Training.Trainers;

/// <summary>The course's regression: MSE between predicted and true ab (computed on ab/128, the network's own range).</summary>
public sealed class AutoEncoderTrainer : ITrainer
{
    private const double AbRange = 128.0;
    private readonly Adam adam;

    public ColorizationModel Model { get; }
    public string SelectionLoss => "mse";

    public AutoEncoderTrainer(ColorizationModel model, double learningRate = 1e-3)
    {
        Model = model;
        adam = new Adam(model.Network.parameters(), lr: learningRate);
    }

    public IReadOnlyDictionary<string, double> TrainStep(Tensor lightness, Tensor ab)
    {
        Model.Network.train();
        adam.zero_grad();
        var loss = Loss(lightness, ab);
        loss.backward();
        adam.step();
        return new Dictionary<string, double> { ["mse"] = loss.item() };
    }

    public IReadOnlyDictionary<string, double> ValidationLosses(Tensor lightness, Tensor ab)
    {
        Model.Network.eval();
        using var _ = torch.no_grad();
        return new Dictionary<string, double> { ["mse"] = Loss(lightness, ab).item() };
    }

    private Tensor Loss(Tensor lightness, Tensor ab) => F.mse_loss(Model.PredictAb(lightness) / AbRange, ab / AbRange);

    public IReadOnlyDictionary<string, Tensor> TrainingState() =>
        adam.state_dict().ToDictionary(p => "adam." + p.Key, p => p.Value);

    public IReadOnlyDictionary<string, string> TrainingStateMetadata() =>
        new Dictionary<string, string> { ["adam.step"] = adam.Step.ToString(CultureInfo.InvariantCulture) };

    public void LoadTrainingState(IReadOnlyDictionary<string, Tensor> state, IReadOnlyDictionary<string, string> metadata) =>
        adam.load_state_dict(OptimizerState.Select(state, "adam."), OptimizerState.Step(metadata, "adam.step"));

    public void Dispose() => adam.Dispose();
}
