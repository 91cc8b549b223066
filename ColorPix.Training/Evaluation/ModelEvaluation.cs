using ColorPix.Core.Data;
using ColorPix.Core.Metrics;
using ColorPix.Core.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace ColorPix.Training.Evaluation;

/// <summary>Scores a model on a split, next to the gray baseline (a = b = 0) on the very same images.</summary>
public static class ModelEvaluation
{
    public static EvaluationReport Run(ColorizationModel model, IBatchSource data, Split split, Device? device = null, CancellationToken cancellation = default)
    {
        var target = device ?? CPU;
        var accumulator = new EvaluationAccumulator();
        model.Network.eval();
        var images = 0;
        foreach (var batch in data.Batches(split, epoch: 0, cancellation))
        {
            using (batch)
            using (torch.NewDisposeScope())
            using (torch.no_grad())
            {
                var ab = model.PredictAb(batch.L.to(target)).cpu();
                accumulator.AddBatch(torch.cat([batch.L, ab], 1), torch.cat([batch.L, batch.Ab], 1));
                images += batch.Count;
            }
        }
        if (images == 0) throw new InvalidOperationException($"the {split.ToString().ToLowerInvariant()} split has no usable image to evaluate");
        return accumulator.Report();
    }
}
