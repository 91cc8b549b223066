namespace ColorPix.Training.Tracking;

/// <summary>A run as read back from the file store: its meta.yaml, params, tags and latest metric values.</summary>
public sealed record RunRecord(
    string RunId,
    string ExperimentId,
    string RunName,
    RunStatus Status,
    long StartTime,
    long? EndTime,
    string ArtifactUri,
    IReadOnlyDictionary<string, string> Params,
    IReadOnlyDictionary<string, MetricPoint> Metrics,
    IReadOnlyDictionary<string, string> Tags);
