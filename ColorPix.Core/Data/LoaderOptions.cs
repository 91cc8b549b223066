namespace ColorPix.Core.Data;

public sealed record LoaderOptions
{
    public int BatchSize { get; init; } = 16;

    /// <summary>Decoding threads. Two by default: enough to keep a CPU training step fed without starving it.</summary>
    public int Workers { get; init; } = Math.Min(2, Environment.ProcessorCount);

    /// <summary>Batches decoded ahead of the consumer (ready or in progress): bounds the memory used.</summary>
    public int Capacity { get; init; } = 4;

    public int Seed { get; init; }
    public bool Shuffle { get; init; } = true;

    /// <summary>Leave out the last, smaller batch (BatchNorm statistics of a tiny batch are noise).</summary>
    public bool DropLast { get; init; }

    public void Validate()
    {
        if (BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "at least 1");
        if (Workers < 1) throw new ArgumentOutOfRangeException(nameof(Workers), Workers, "at least 1");
        if (Capacity < 1) throw new ArgumentOutOfRangeException(nameof(Capacity), Capacity, "at least 1");
    }
}
