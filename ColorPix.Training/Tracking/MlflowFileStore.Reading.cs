namespace ColorPix.Training.Tracking;

public sealed partial class MlflowFileStore
{
    /// <summary>The active runs of an experiment with their params, tags and latest metric values.</summary>
    public IReadOnlyList<RunRecord> ListRuns(string experimentId)
    {
        MlflowNames.ValidateExperimentId(experimentId);
        var experimentDirectory = Path.Combine(Root, experimentId);
        if (!Directory.Exists(experimentDirectory)) return [];
        return Directory.EnumerateDirectories(experimentDirectory)
            .Where(directory => !ReservedExperimentFolders.Contains(Path.GetFileName(directory)))
            .Where(directory => File.Exists(Path.Combine(directory, "meta.yaml")))
            .Select(ReadRun)
            .Where(run => run != null && run.ExperimentId == experimentId)
            .Select(run => run!)
            .OrderBy(run => run.StartTime)
            .ToList();
    }

    private static RunRecord? ReadRun(string directory)
    {
        var meta = FlatYaml.ReadFile(Path.Combine(directory, "meta.yaml"));
        if (meta.GetValueOrDefault("lifecycle_stage") is "deleted") return null;
        var tags = ReadFiles(directory, "tags", File.ReadAllText);
        var runId = meta["run_id"] ?? meta["run_uuid"] ?? Path.GetFileName(directory);
        return new RunRecord(
            runId,
            meta["experiment_id"] ?? "",
            meta.GetValueOrDefault("run_name") ?? tags.GetValueOrDefault(MlflowTags.RunName) ?? "",
            Enum.Parse<RunStatus>(meta.GetValueOrDefault("status") ?? "1"),
            long.Parse(meta["start_time"] ?? "0"),
            meta.GetValueOrDefault("end_time") is { } end ? long.Parse(end) : null,
            meta.GetValueOrDefault("artifact_uri") ?? "",
            ReadFiles(directory, "params", File.ReadAllText),
            ReadFiles(directory, "metrics", path => MetricPoint.Latest(File.ReadLines(path).Where(l => l.Trim().Length > 0).Select(MetricPoint.Parse))),
            tags);
    }

    /// <summary>Every file under run/folder, keyed by its '/'-separated relative path (MLflow's key).</summary>
    private static Dictionary<string, T> ReadFiles<T>(string runDirectory, string folder, Func<string, T> read)
    {
        var root = Path.Combine(runDirectory, folder);
        if (!Directory.Exists(root)) return [];
        return Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .ToDictionary(path => Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/'), read, StringComparer.Ordinal);
    }
}
