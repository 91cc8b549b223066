using TorchSharp;
using static TorchSharp.torch;

namespace ColorPix.Core.Metrics;

/// <summary>Accumulates a model's scores and the gray baseline's, batch by batch, into an <see cref="EvaluationReport"/>.</summary>
public sealed class EvaluationAccumulator
{
    public MetricAccumulator Model { get; } = new();
    public MetricAccumulator GrayBaseline { get; } = new();

    /// <summary>Scores one batch: the model's Lab prediction and the baseline built from the truth's L.</summary>
    public void AddBatch(Tensor predictedLab, Tensor trueLab)
    {
        using var scope = torch.NewDisposeScope();
        Model.AddRange(ImageScores.Compute(predictedLab, trueLab));
        GrayBaseline.AddRange(ImageScores.Compute(Metrics.GrayBaseline.FromLab(trueLab), trueLab));
    }

    public EvaluationReport Report() => new(Model.Summary(), GrayBaseline.Summary());
}
