using ColorPix.Core.Models;
using ColorPix.Training.Tracking;

namespace ColorPix.Training.Registry;

/// <summary>Where a registered checkpoint comes from: the training run and its dataset.</summary>
public sealed record TrainingLineage(string? RunId, string? Dataset)
{
    public static readonly TrainingLineage Unknown = new(null, null);

    /// <summary>
    /// The lineage of checkpoints/RUN/... from the MLflow store: the newest run tagged colorpix.run = RUN in the kind's
    /// experiment that is not a resumption (a resumed run continues it; a run trained again under the same name after
    /// its folder was deleted is a new one), and its "Data" parameter. Unknown for files outside a run folder.
    /// </summary>
    public static TrainingLineage Find(MlflowFileStore store, ModelKind kind, string checkpointPath, string checkpointsFolder)
    {
        var relative = Path.GetRelativePath(Path.GetFullPath(checkpointsFolder), Path.GetFullPath(checkpointPath));
        if (relative.StartsWith("..", StringComparison.Ordinal) || !relative.Contains(Path.DirectorySeparatorChar)) return Unknown;
        var runName = relative.Split(Path.DirectorySeparatorChar)[0];
        if (store.FindExperiment($"colorpix-{kind.Name()}") is not { } experiment) return Unknown;
        var run = store.ListRuns(experiment)
            .Where(r => r.Tags.GetValueOrDefault("colorpix.run") == runName && r.Tags.GetValueOrDefault("colorpix.resumed") != "true")
            .MaxBy(r => r.StartTime);
        return run is null ? Unknown : new TrainingLineage(run.RunId, run.Params.GetValueOrDefault("Data"));
    }
}
