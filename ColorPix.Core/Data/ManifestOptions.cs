namespace ColorPix.Core.Data;

public sealed record ManifestOptions
{
    public int Seed { get; init; } = 42;
    public SplitFractions Fractions { get; init; } = SplitFractions.Default;

    /// <summary>Folders named train2017 / val2017 / test2017 (or train / val / test) decide their files' split.</summary>
    public bool FolderNamesSplit { get; init; } = true;

    /// <summary>Files hashed and decoded at once; decoding dominates, so one per core.</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;
}
