namespace ColorPix.Core.Data;

/// <summary>Which dataset indices go into which batch in an epoch, and the random source of each sample:
/// both follow from (seed, epoch) alone, whatever the number of threads.</summary>
internal static class EpochPlan
{
    public static int[][] Batches(int count, LoaderOptions options, int epoch)
    {
        var order = Enumerable.Range(0, count).ToArray();
        if (options.Shuffle) new Random(Mix(options.Seed, epoch, -1)).Shuffle(order);
        var batches = order.Chunk(options.BatchSize);
        return (options.DropLast ? batches.Where(b => b.Length == options.BatchSize) : batches).ToArray();
    }

    public static Random ForSample(int seed, int epoch, int index) => new(Mix(seed, epoch, index));

    // SplitMix64 finaliser: HashCode.Combine is randomised per process, and runs must be reproducible.
    private static int Mix(int seed, int epoch, int index)
    {
        var z = (ulong)(uint)seed * 0x9E3779B97F4A7C15UL ^ (ulong)(uint)epoch << 32 ^ (uint)index;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return (int)(z ^ (z >> 31));
    }
}
