using ColorPix.Core.Data;

namespace ColorPix.Training;

/// <summary>Batches of a manifest's splits through the background <see cref="BatchLoader"/>: augmented for
/// training, deterministic for validation and test.</summary>
public sealed class DatasetBatchSource : IBatchSource
{
    private readonly Dictionary<Split, ImageFolderDataset> splits = new();
    private readonly int size;
    private readonly LoaderOptions options;

    private readonly int repeat;
    private readonly double minCropScale;
    private readonly double damage;

    public DatasetBatchSource(LoadedDataset dataset, int size, int batchSize, int workers, int seed, int repeat = 1, double minCropScale = 0.5,
        double damage = 0)
    {
        this.repeat = repeat;
        this.minCropScale = minCropScale;
        this.damage = damage;
        foreach (var split in Enum.GetValues<Split>()) splits[split] = ImageFolderDataset.Open(dataset, split, decodeMinSide: 2 * size);
        this.size = size;
        // The last, smaller training batch is dropped: BatchNorm statistics of a tiny batch are noise.
        options = new LoaderOptions { BatchSize = batchSize, Workers = workers, Seed = seed };
    }

    public int Count(Split split) => splits[split].Count;

    public int BatchesPerEpoch(Split split)
    {
        var count = splits[split].Count;
        return split == Split.Train ? count / options.BatchSize * repeat : (count + options.BatchSize - 1) / options.BatchSize;
    }

    public IEnumerable<ColorizationBatch> Batches(Split split, int epoch, CancellationToken cancellation)
    {
        var loaderOptions = options with { DropLast = split == Split.Train, Shuffle = split == Split.Train };
        // Each pass of a repeated training epoch is a loader epoch of its own: new order, new augmentations.
        var passes = split == Split.Train ? repeat : 1;
        for (var pass = 0; pass < passes; pass++)
        {
            using var loader = new BatchLoader(splits[split], SampleTransforms.For(split, size, minCropScale, damage), loaderOptions, epoch * passes + pass, cancellation);
            foreach (var batch in loader) yield return batch;
        }
    }
}
