namespace ColorPix.Training.Tracking;

/// <summary>
/// A run being written in MLflow's file-store layout: params, metrics, tags and artifacts under
/// &lt;experiment&gt;/&lt;run_id&gt;/. Created by <see cref="MlflowFileStore.StartRun"/>; disposing a run that was not
/// ended ends it as FINISHED. Every write takes one lock, so any thread may log.
/// </summary>
public sealed class MlflowRun : IDisposable
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, object?> meta;

    internal MlflowRun(string directory, Dictionary<string, object?> meta)
    {
        Directory = directory;
        this.meta = meta;
        RunId = (string)meta["run_id"]!;
        ExperimentId = (string)meta["experiment_id"]!;
    }

    public string RunId { get; }
    public string ExperimentId { get; }
    public string Directory { get; }
    public string ArtifactsDirectory => Path.Combine(Directory, "artifacts");
    public RunStatus? EndStatus { get; private set; }

    /// <summary>Params are immutable, as in MLflow: the same value again is fine, a different one throws.</summary>
    public void LogParam(string key, string value)
    {
        MlflowNames.ValidateKey("parameter", key);
        MlflowNames.ValidateLength("Param value", value, MlflowNames.MaxParamValueLength);
        lock (gate)
        {
            var path = PathIn("params", key);
            if (File.Exists(path) && File.ReadAllText(path) is var existing && existing != value)
                throw new InvalidOperationException(
                    $"Changing param values is not allowed. Param with key='{key}' was already logged with value='{existing}' for run ID='{RunId}'. Attempted logging new value '{value}'.");
            File.WriteAllText(path, value);
        }
    }

    public void LogParams(IReadOnlyDictionary<string, string> parameters)
    {
        foreach (var (key, value) in parameters) LogParam(key, value);
    }

    public void LogMetric(string key, double value, long step = 0, long? timestamp = null)
    {
        MlflowNames.ValidateKey("metric", key);
        var point = new MetricPoint(timestamp ?? Now(), value, step);
        if (point.Timestamp < 0) throw new ArgumentOutOfRangeException(nameof(timestamp), "a metric timestamp must be nonnegative");
        lock (gate) File.AppendAllText(PathIn("metrics", key), point.ToLine());
    }

    public void SetTag(string key, string value)
    {
        MlflowNames.ValidateKey("tag", key);
        MlflowNames.ValidateLength("Tag value", value, MlflowNames.MaxTagValueLength);
        lock (gate)
        {
            File.WriteAllText(PathIn("tags", key), value);
            // MLflow keeps meta.yaml's run_name in step with the mlflow.runName tag.
            if (key == MlflowTags.RunName) UpdateMeta(m => m["run_name"] = value);
        }
    }

    /// <summary>Copies a file to artifacts/[subdirectory/]&lt;file name&gt;; returns the copy's path.</summary>
    public string LogArtifact(string sourcePath, string? artifactSubdirectory = null)
    {
        var name = Path.GetFileName(sourcePath);
        var relative = artifactSubdirectory is null ? name : $"{artifactSubdirectory.TrimEnd('/')}/{name}";
        MlflowNames.ValidateArtifactPath(relative);
        var target = PathIn("artifacts", relative);
        File.Copy(sourcePath, target, overwrite: true);
        return target;
    }

    /// <summary>Writes text as an artifact file (a relative path such as "eval/report.json").</summary>
    public string LogText(string text, string artifactFileName)
    {
        MlflowNames.ValidateArtifactPath(artifactFileName);
        var target = PathIn("artifacts", artifactFileName);
        File.WriteAllText(target, text);
        return target;
    }

    /// <summary>Records the end time and final status in meta.yaml; later calls are ignored.</summary>
    public void End(RunStatus status = RunStatus.Finished)
    {
        if (status is RunStatus.Running or RunStatus.Scheduled)
            throw new ArgumentException($"a run ends as Finished, Failed or Killed, not {status}", nameof(status));
        lock (gate)
        {
            if (EndStatus != null) return;
            UpdateMeta(m =>
            {
                m["status"] = (int)status;
                m["end_time"] = Now();
            });
            EndStatus = status;
        }
    }

    public void Dispose() => End(RunStatus.Finished);

    internal static long Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    private void UpdateMeta(Action<Dictionary<string, object?>> change)
    {
        change(meta);
        FlatYaml.WriteFile(Path.Combine(Directory, "meta.yaml"), meta);
    }

    /// <summary>The file for a validated key; a '/' in the key makes subfolders, as in MLflow.</summary>
    private string PathIn(string folder, string key)
    {
        var path = Path.Combine(Directory, folder, key);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }
}
