namespace ColorPix.Training;

/// <summary>Where a training run reports what it did: MLflow's file store in ColorPix, nothing in some tests.</summary>
public interface IRunTracker
{
    void Start(string runName, TrainOptions options, bool resumed);
    void LogEpoch(EpochSummary summary, string sampleGridPath);
    void End(bool interrupted, bool failed = false);
}

public sealed class NullRunTracker : IRunTracker
{
    public static readonly NullRunTracker Instance = new();
    public void Start(string runName, TrainOptions options, bool resumed) { }
    public void LogEpoch(EpochSummary summary, string sampleGridPath) { }
    public void End(bool interrupted, bool failed = false) { }
}
