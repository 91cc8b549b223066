namespace ColorPix.Training;

public sealed record EpochSummary(
    int Epoch,
    IReadOnlyDictionary<string, double> Train,
    IReadOnlyDictionary<string, double> Validation,
    double Seconds,
    double ImagesPerSecond,
    bool IsBest,
    string CheckpointDirectory,
    double LearningRate);

/// <summary>What the loop tells the outside world: a progress bar in the CLI, nothing in tests.</summary>
public interface ITrainingObserver
{
    void EpochStarted(int epoch, int epochs, int batches);
    void BatchDone(int epoch, int batch, int batches, IReadOnlyDictionary<string, double> losses, double imagesPerSecond);
    void EpochDone(EpochSummary summary);
    void Message(string text);
}

public sealed class SilentObserver : ITrainingObserver
{
    public static readonly SilentObserver Instance = new();
    public void EpochStarted(int epoch, int epochs, int batches) { }
    public void BatchDone(int epoch, int batch, int batches, IReadOnlyDictionary<string, double> losses, double imagesPerSecond) { }
    public void EpochDone(EpochSummary summary) { }
    public void Message(string text) { }
}
