using ColorPix.Core.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace ColorPix.Training.Trainers;

/// <summary>One model's optimisation: a training step, validation losses, and its resumable state.</summary>
public interface ITrainer : IDisposable
{
    ColorizationModel Model { get; }

    /// <summary>Name of the validation loss that decides the best checkpoint (lower is better).</summary>
    string SelectionLoss { get; }

    /// <summary>One optimisation step on a batch (L [B,1,S,S] in [0,100], ab [B,2,S,S]); returns its losses.</summary>
    IReadOnlyDictionary<string, double> TrainStep(Tensor lightness, Tensor ab);

    /// <summary>Sets the learning rate of every optimizer (the schedule calls it at each epoch).</summary>
    void SetLearningRate(double learningRate);

    /// <summary>Losses on a batch without updating anything.</summary>
    IReadOnlyDictionary<string, double> ValidationLosses(Tensor lightness, Tensor ab);

    /// <summary>Everything besides the model's weights that a resumed run needs (optimizers, discriminator).</summary>
    IReadOnlyDictionary<string, Tensor> TrainingState();
    IReadOnlyDictionary<string, string> TrainingStateMetadata();
    void LoadTrainingState(IReadOnlyDictionary<string, Tensor> state, IReadOnlyDictionary<string, string> metadata);
}
