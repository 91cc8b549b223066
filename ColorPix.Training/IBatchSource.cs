using ColorPix.Torch;

namespace ColorPix.Training;

public enum DataSplit { Train, Val, Test }

/// <summary>A batch of training pairs: L [B,1,S,S] in [0,100] and ab [B,2,S,S]. The consumer disposes it.</summary>
public sealed record LabBatch(Tensor Lightness, Tensor Ab) : IDisposable
{
    public int Count => (int)Lightness.size(0);

    public void Dispose()
    {
        Lightness.Dispose();
        Ab.Dispose();
    }
}

/// <summary>Where the training loop gets its batches: deterministic for a given (split, epoch).</summary>
public interface IBatchSource
{
    int BatchesPerEpoch(DataSplit split);
    IEnumerable<LabBatch> Batches(DataSplit split, int epoch, CancellationToken cancellation);
}
