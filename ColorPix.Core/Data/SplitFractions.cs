namespace ColorPix.Core.Data;

/// <summary>The share of files each split receives; they must sum to 1.</summary>
public sealed record SplitFractions(double Train, double Val, double Test)
{
    public static readonly SplitFractions Default = new(0.8, 0.1, 0.1);

    public void Validate()
    {
        if (Train < 0 || Val < 0 || Test < 0 || Math.Abs(Train + Val + Test - 1) > 1e-9)
            throw new ArgumentException($"split fractions must be non-negative and sum to 1, got {Train}/{Val}/{Test}");
    }
}
