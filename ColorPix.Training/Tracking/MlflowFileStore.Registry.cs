namespace ColorPix.Training.Tracking;

/// <summary>
/// A small part of MLflow's file-based model registry (mlflow/store/model_registry/file_store.py):
/// models/&lt;name&gt;/meta.yaml, models/&lt;name&gt;/version-N/meta.yaml and models/&lt;name&gt;/aliases/&lt;alias&gt;
/// holding the version number.
/// </summary>
public sealed partial class MlflowFileStore
{
    private string ModelDirectory(string name)
    {
        MlflowNames.ValidateModelName(name);
        return Path.Combine(Root, "models", name);
    }

    /// <summary>Registers the next version of a model (creating the model on first use); returns its number.</summary>
    public int RegisterModelVersion(string name, string source, string? runId)
    {
        if (runId != null) MlflowNames.ValidateRunId(runId);
        var modelDirectory = ModelDirectory(name);
        var modelMetaPath = Path.Combine(modelDirectory, "meta.yaml");
        var now = MlflowRun.Now();
        Directory.CreateDirectory(modelDirectory);
        var created = File.Exists(modelMetaPath) && FlatYaml.ReadFile(modelMetaPath).GetValueOrDefault("creation_timestamp") is { } c ? long.Parse(c) : now;
        WriteModelMeta(modelMetaPath, name, created, now);

        var version = Versions(modelDirectory).DefaultIfEmpty(0).Max() + 1;
        var versionDirectory = Directory.CreateDirectory(Path.Combine(modelDirectory, $"version-{version}")).FullName;
        FlatYaml.WriteFile(Path.Combine(versionDirectory, "meta.yaml"), new Dictionary<string, object?>
        {
            ["aliases"] = FlatYaml.EmptyList,
            ["creation_timestamp"] = now,
            ["current_stage"] = "None",
            ["description"] = null,
            ["last_updated_timestamp"] = now,
            ["name"] = name,
            ["run_id"] = runId,
            ["run_link"] = null,
            ["source"] = source,
            ["status"] = "READY",
            ["status_message"] = null,
            ["storage_location"] = source,
            ["user_id"] = null,
            ["version"] = version,
        });
        return version;
    }

    /// <summary>Points an alias (e.g. "champion") at an existing version.</summary>
    public void SetAlias(string name, string alias, int version)
    {
        MlflowNames.ValidateAlias(alias);
        var modelDirectory = ModelDirectory(name);
        if (!Versions(modelDirectory).Contains(version))
            throw new InvalidOperationException($"Model Version (name={name}, version={version}) not found");
        var aliases = Directory.CreateDirectory(Path.Combine(modelDirectory, "aliases")).FullName;
        File.WriteAllText(Path.Combine(aliases, alias), version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var modelMetaPath = Path.Combine(modelDirectory, "meta.yaml");
        WriteModelMeta(modelMetaPath, name, long.Parse(FlatYaml.ReadFile(modelMetaPath)["creation_timestamp"]!), MlflowRun.Now());
    }

    /// <summary>The version an alias points at, or null when the model or alias does not exist.</summary>
    public int? GetAliasVersion(string name, string alias)
    {
        MlflowNames.ValidateAlias(alias);
        var path = Path.Combine(ModelDirectory(name), "aliases", alias);
        return File.Exists(path) ? int.Parse(File.ReadAllText(path).Trim(), System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    private static void WriteModelMeta(string path, string name, long created, long updated) =>
        FlatYaml.WriteFile(path, new Dictionary<string, object?>
        {
            ["creation_timestamp"] = created,
            ["description"] = null,
            ["last_updated_timestamp"] = updated,
            ["name"] = name,
        });

    private static IEnumerable<int> Versions(string modelDirectory) =>
        !Directory.Exists(modelDirectory) ? [] :
        Directory.EnumerateDirectories(modelDirectory, "version-*")
            .Select(directory => int.TryParse(Path.GetFileName(directory)["version-".Length..], out var v) ? v : 0)
            .Where(v => v > 0);
}
