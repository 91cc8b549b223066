namespace ColorPix.Training;

/// <summary>Sample-weighted means of named losses over an epoch.</summary>
internal sealed class RunningMeans
{
    private readonly Dictionary<string, (double Sum, long Count)> totals = new();

    public void Add(IReadOnlyDictionary<string, double> values, int samples)
    {
        foreach (var (name, value) in values)
        {
            var (sum, count) = totals.GetValueOrDefault(name);
            totals[name] = (sum + value * samples, count + samples);
        }
    }

    public IReadOnlyDictionary<string, double> Means => totals.ToDictionary(p => p.Key, p => p.Value.Sum / Math.Max(1, p.Value.Count));
}
