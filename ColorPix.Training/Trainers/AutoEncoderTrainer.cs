using ColorPix.Core.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

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
        adam = optim.Adam(model.Network.parameters(), lr: learningRate);
    }

    public IReadOnlyDictionary<string, double> TrainStep(Tensor lightness, Tensor ab)
    {
        Model.Network.train();
        adam.zero_grad();
        var loss = Loss(lightness, ab);
        loss.backward();
        adam.step();
        return new Dictionary<string, double> { ["mse"] = loss.item<float>() };
    }

    public IReadOnlyDictionary<string, double> ValidationLosses(Tensor lightness, Tensor ab)
    {
        Model.Network.eval();
        using var _ = no_grad();
        return new Dictionary<string, double> { ["mse"] = Loss(lightness, ab).item<float>() };
    }

    private Tensor Loss(Tensor lightness, Tensor ab) => F.mse_loss(Model.PredictAb(lightness) / AbRange, ab / AbRange);

    public IReadOnlyDictionary<string, Tensor> TrainingState() => AdamState.Tensors(adam, "adam").ToDictionary();

    public IReadOnlyDictionary<string, string> TrainingStateMetadata() => new[] { AdamState.Step(adam, "adam") }.ToDictionary();

    public void LoadTrainingState(IReadOnlyDictionary<string, Tensor> state, IReadOnlyDictionary<string, string> metadata) =>
        AdamState.Load(adam, "adam", state, metadata);

    public void Dispose() => adam.Dispose();
}
