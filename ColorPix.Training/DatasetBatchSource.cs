using ColorPix.Core.Data;

namespace ColorPix.Training;

/// <summary>Batches of a manifest's splits through the background <see cref="BatchLoader"/>: augmented for
/// training, deterministic for validation and test.</summary>
public sealed class DatasetBatchSource : IBatchSource
{
    private readonly Dictionary<Split, ImageFolderDataset> splits = new();
    private readonly int size;
    private readonly LoaderOptions options;

    public DatasetBatchSource(string manifestPath, int size, int batchSize, int workers, int seed)
    {
        if (!File.Exists(manifestPath)) throw new FileNotFoundException($"no dataset manifest at {manifestPath} (build one with `colorpix data sample` or `colorpix data coco`)");
        foreach (var split in Enum.GetValues<Split>()) splits[split] = ImageFolderDataset.Open(manifestPath, split);
        this.size = size;
        // The last, smaller training batch is dropped: BatchNorm statistics of a tiny batch are noise.
        options = new LoaderOptions { BatchSize = batchSize, Workers = workers, Seed = seed };
        if (splits[Split.Train].Count < batchSize)
            throw new ArgumentException($"the training split has {splits[Split.Train].Count} images, fewer than one batch of {batchSize}");
    }

    public int Count(Split split) => splits[split].Count;

    public int BatchesPerEpoch(Split split)
    {
        var count = splits[split].Count;
        return split == Split.Train ? count / options.BatchSize : (count + options.BatchSize - 1) / options.BatchSize;
    }

    public IEnumerable<ColorizationBatch> Batches(Split split, int epoch, CancellationToken cancellation)
    {
        var loaderOptions = options with { DropLast = split == Split.Train, Shuffle = split == Split.Train };
        using var loader = new BatchLoader(splits[split], SampleTransforms.For(split, size), loaderOptions, epoch, cancellation);
        foreach (var batch in loader) yield return batch;
    }
}
