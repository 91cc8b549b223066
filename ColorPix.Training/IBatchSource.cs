using ColorPix.Core.Data;

namespace ColorPix.Training;

/// <summary>Where the training loop gets its batches: deterministic for a given (split, epoch). The consumer disposes each batch.</summary>
public interface IBatchSource
{
    int BatchesPerEpoch(Split split);
    IEnumerable<ColorizationBatch> Batches(Split split, int epoch, CancellationToken cancellation);
}
