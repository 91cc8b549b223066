using ColorPix.Core.Color;
using ColorPix.Core.Data;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;
using ColorPix.Training;

namespace ColorPix.Tests.Training;

/// <summary>Deterministic smooth color images per (split, epoch, batch): a stand-in dataset for loop tests.</summary>
internal sealed class SyntheticBatches(int size, int batch, int trainBatches, int valBatches) : IBatchSource
{
    public int BatchesPerEpoch(Split split) => split == Split.Train ? trainBatches : valBatches;

    public IEnumerable<ColorizationBatch> Batches(Split split, int epoch, CancellationToken cancellation)
    {
        for (var i = 0; i < BatchesPerEpoch(split); i++)
        {
            // As the real BatchLoader does: a cancelled token ends the enumeration with an exception.
            cancellation.ThrowIfCancellationRequested();
            using var scope = torch.NewDisposeScope();
            torch.manual_seed((long)(1000 * (int)split + 1 + 100 * epoch + i));
            // Low-resolution noise upsampled: smooth regions of color, like photos rather than static.
            var rgb = torch.nn.functional.interpolate(torch.rand(batch, 3, 4, 4), [size, size], mode: InterpolationMode.Bilinear);
            var lab = Lab.RgbToLab(rgb);
            yield return new ColorizationBatch(lab.narrow(1, 0, 1).contiguous().DetachFromDisposeScope(), lab.narrow(1, 1, 2).contiguous().DetachFromDisposeScope(),
                Enumerable.Range(0, batch).Select(j => $"synthetic/{split}/{epoch}/{i}/{j}").ToList());
        }
    }
}
