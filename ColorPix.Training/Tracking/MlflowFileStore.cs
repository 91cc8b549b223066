using System.Security.Cryptography;

namespace ColorPix.Training.Tracking;

/// <summary>
/// Experiments and runs in MLflow's file-store layout (mlflow/store/tracking/file_store.py), so that
/// `mlflow ui --backend-store-uri ./mlruns` browses ColorPix's runs unchanged. Layout written:
/// &lt;root&gt;/&lt;experiment_id&gt;/meta.yaml, &lt;root&gt;/&lt;experiment_id&gt;/&lt;run_id&gt;/{meta.yaml, params/, metrics/, tags/, artifacts/},
/// &lt;root&gt;/.trash/ and the model registry under &lt;root&gt;/models/.
/// </summary>
public sealed partial class MlflowFileStore
{
    public const string DefaultExperimentId = "0";
    public const string DefaultExperimentName = "Default";

    // Experiment folders also hold these, which are not runs (FileStore.RESERVED_EXPERIMENT_FOLDERS).
    private static readonly HashSet<string> ReservedExperimentFolders = ["tags", "datasets", "traces"];

    public MlflowFileStore(string root)
    {
        Root = Path.GetFullPath(root);
        Directory.CreateDirectory(Root);
        if (!File.Exists(Path.Combine(Root, DefaultExperimentId, "meta.yaml")))
            CreateExperiment(DefaultExperimentId, DefaultExperimentName);
        Directory.CreateDirectory(Path.Combine(Root, ".trash"));
    }

    public string Root { get; }

    /// <summary>The id of the active experiment with this name, creating it if there is none.</summary>
    public string GetOrCreateExperiment(string name)
    {
        MlflowNames.ValidateExperimentName(name);
        return FindExperiment(name) ?? CreateExperiment(NewExperimentId(), name);
    }

    public string? FindExperiment(string name) =>
        ActiveExperimentDirectories()
            .Select(directory => FlatYaml.ReadFile(Path.Combine(directory, "meta.yaml")))
            .Where(meta => meta.GetValueOrDefault("name") == name && meta.GetValueOrDefault("lifecycle_stage") == "active")
            .Select(meta => meta["experiment_id"])
            .FirstOrDefault();

    /// <summary>
    /// Starts a run with MLflow's standard tags (run name, user, source, git commit when readable) plus
    /// <paramref name="tags"/>, which may not name the run differently.
    /// </summary>
    public MlflowRun StartRun(string experimentId, string runName, IReadOnlyDictionary<string, string>? tags = null)
    {
        MlflowNames.ValidateExperimentId(experimentId);
        var experimentDirectory = Path.Combine(Root, experimentId);
        var experimentMetaPath = Path.Combine(experimentDirectory, "meta.yaml");
        if (!File.Exists(experimentMetaPath)) throw new InvalidOperationException($"Experiment '{experimentId}' does not exist.");
        if (tags?.GetValueOrDefault(MlflowTags.RunName) is { } tagged && tagged != runName)
            throw new ArgumentException($"Both the run name '{runName}' and a different {MlflowTags.RunName} tag '{tagged}' were given.");

        var runId = Guid.NewGuid().ToString("N");
        var artifactLocation = FlatYaml.ReadFile(experimentMetaPath)["artifact_location"];
        var meta = new Dictionary<string, object?>
        {
            ["artifact_uri"] = $"{artifactLocation}/{runId}/artifacts",
            ["deleted_time"] = null,
            ["end_time"] = null,
            ["entry_point_name"] = "",
            ["experiment_id"] = experimentId,
            ["lifecycle_stage"] = "active",
            ["run_id"] = runId,
            ["run_name"] = runName,
            ["run_uuid"] = runId,
            ["source_name"] = "",
            ["source_type"] = 4,   // SourceType.LOCAL
            ["source_version"] = "",
            ["start_time"] = MlflowRun.Now(),
            ["status"] = (int)RunStatus.Running,
            ["tags"] = FlatYaml.EmptyList,
            ["user_id"] = Environment.UserName,
        };
        var runDirectory = Path.Combine(experimentDirectory, runId);
        foreach (var folder in new[] { "metrics", "params", "artifacts", "tags" })
            Directory.CreateDirectory(Path.Combine(runDirectory, folder));
        FlatYaml.WriteFile(Path.Combine(runDirectory, "meta.yaml"), meta);

        var run = new MlflowRun(runDirectory, meta);
        foreach (var (key, value) in StandardTags(runName).Concat(tags ?? new Dictionary<string, string>()))
            run.SetTag(key, value);
        return run;
    }

    private static Dictionary<string, string> StandardTags(string runName)
    {
        var tags = new Dictionary<string, string>
        {
            [MlflowTags.RunName] = runName,
            [MlflowTags.User] = Environment.UserName,
            [MlflowTags.SourceType] = "LOCAL",
            [MlflowTags.SourceName] = Truncate(Environment.CommandLine, MlflowNames.MaxTagValueLength),
        };
        if (GitHead.TryReadCommit(Environment.CurrentDirectory) is { } commit) tags[MlflowTags.GitCommit] = commit;
        return tags;
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];

    private string CreateExperiment(string id, string name)
    {
        var directory = Directory.CreateDirectory(Path.Combine(Root, id)).FullName;
        var now = MlflowRun.Now();
        FlatYaml.WriteFile(Path.Combine(directory, "meta.yaml"), new Dictionary<string, object?>
        {
            ["artifact_location"] = new Uri(directory).AbsoluteUri,
            ["creation_time"] = now,
            ["experiment_id"] = id,
            ["last_update_time"] = now,
            ["lifecycle_stage"] = "active",
            ["name"] = name,
        });
        return id;
    }

    /// <summary>MLflow's own format (name_utils._generate_unique_integer_id): 18 random digits, no leading zero.</summary>
    private string NewExperimentId()
    {
        while (true)
        {
            var digits = RandomNumberGenerator.GetInt32(1, 10) + string.Concat(Enumerable.Range(0, 17).Select(_ => RandomNumberGenerator.GetInt32(10)));
            if (!Directory.Exists(Path.Combine(Root, digits))) return digits;
        }
    }

    private IEnumerable<string> ActiveExperimentDirectories() =>
        Directory.EnumerateDirectories(Root)
            .Where(directory => Path.GetFileName(directory) is not (".trash" or "models"))
            .Where(directory => File.Exists(Path.Combine(directory, "meta.yaml")));
}
