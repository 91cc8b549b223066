using System.Security.Cryptography;
using ColorPix.Core.Data;
using ColorPix.Core.Inference;
using ColorPix.Core.Models;
using ColorPix.Training.Registry;
using ColorPix.Training.Tracking;
using ColorPix.Web.Storage.Metadata;
using ColorPix.Web.Storage.Objects;
using Microsoft.Extensions.Options;

namespace ColorPix.Web.Lifecycle;

/// <summary>What a registration says about a checkpoint beyond its weights.</summary>
/// <param name="MetricsJson">An evaluation to record (a JSON object); null: the eval.json beside the checkpoint, if any.</param>
public sealed record RegistrationDetails(TrainingLineage Lineage, string? MetricsJson = null, string? EvaluatedOn = null);

/// <summary>
/// Model versions and their checkpoints: registration (checked, stored in the object store under
/// <see cref="ObjectKeys.ModelCheckpoint"/>, recorded in the database, mirrored in MLflow's registry layout) and the
/// local copies replicas load from. The database is the source of truth; MLflow's aliases follow it.
/// </summary>
public sealed class ModelVersions(IModelRegistry registry, IObjectStore objects, IOptions<RegistryOptions> options, TimeProvider clock,
    ILogger<ModelVersions> log)
{
    public const string ChampionAlias = "champion", ChallengerAlias = "challenger";

    private readonly string root = RepoPaths.FindRoot();

    public MlflowFileStore Mlflow => new(InClone(options.Value.Mlruns));

    public static string MlflowModelName(ModelKind kind) => $"colorpix-{kind.Name()}";

    /// <summary>
    /// Registers a checkpoint file as a challenger of its kind (or updates the lineage of a version already registered).
    /// It must load and pass the canary check first: a broken checkpoint is never registered.
    /// </summary>
    /// <param name="checkedInfo">The info of a model already loaded and checked from this very file (skips loading it again).</param>
    /// <exception cref="InvalidDataException">The checkpoint is not a working model (and other load errors).</exception>
    public async Task<ModelRecord> RegisterAsync(string checkpointPath, RegistrationDetails details, CancellationToken cancellationToken,
        ModelInfo? checkedInfo = null)
    {
        var info = checkedInfo ?? await Task.Run(() => ModelCatalog.Check(checkpointPath), cancellationToken);
        var key = ObjectKeys.ModelCheckpoint(info.Kind.Name(), info.Version);
        string sha256;
        await using (var file = File.OpenRead(checkpointPath))
            sha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(file, cancellationToken));
        if (!await objects.ExistsAsync(key, cancellationToken))
        {
            await using var file = File.OpenRead(checkpointPath);
            await objects.PutAsync(key, file, "application/octet-stream", cancellationToken);
        }
        var record = await registry.UpsertAsync(new ModelRegistration(info.Kind, info.Version, RelativeToClone(checkpointPath),
            details.MetricsJson ?? info.Metrics?.ToJson() ?? "{}", clock.GetUtcNow())
        {
            CheckpointKey = key, Sha256 = sha256, RunId = details.Lineage.RunId, Dataset = details.Lineage.Dataset,
            EvaluatedOn = details.MetricsJson is null && info.Metrics is not null ? "test split (eval.json beside the checkpoint)" : details.EvaluatedOn,
        }, cancellationToken);
        if (record.MlflowVersion is null)
        {
            var version = Mlflow.RegisterModelVersion(MlflowModelName(info.Kind), key, record.RunId);
            await registry.SetMlflowVersionAsync(info.Kind, info.Version, version, cancellationToken);
            record = record with { MlflowVersion = version };
        }
        if (record.Status == VersionStatus.Challenger) MirrorAlias(record, ChallengerAlias);
        return record;
    }

    /// <summary>
    /// Points an MLflow alias at the version's mirror. The mirror follows the database and never decides: a replica
    /// whose Registry:Mlruns folder lacks the version (another replica registered it into its own folder) logs it and
    /// goes on; the promotion stands.
    /// </summary>
    public void MirrorAlias(ModelRecord record, string alias)
    {
        if (record.MlflowVersion is not { } version) return;
        try
        {
            Mlflow.SetAlias(MlflowModelName(record.Kind), alias, version);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            log.LogWarning("MLflow alias {Alias} of {Model} not mirrored in {Folder}: {Error}", alias, MlflowModelName(record.Kind), Mlflow.Root, e.Message);
        }
    }

    /// <summary>
    /// A local file with the version's checkpoint, fetched from the object store on first use and checked against the
    /// registered SHA-256 (a corrupted or replaced object is refused, never served).
    /// </summary>
    /// <exception cref="InvalidDataException">The object is missing or differs from what was registered.</exception>
    public async Task<string> FetchAsync(ModelRecord record, CancellationToken cancellationToken)
    {
        if (record.CheckpointKey is not { } key)
            return File.Exists(InClone(record.Path)) ? InClone(record.Path)
                : throw new InvalidDataException($"{record.Kind.Name()} {record.Version} has no checkpoint in the object store and {record.Path} does not exist here");
        var path = Path.Combine(InClone(options.Value.CacheDirectory), record.Kind.Name(), $"{record.Version}.safetensors");
        if (File.Exists(path) && await Sha256Async(path, cancellationToken) == record.Sha256) return path;

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Guid.NewGuid():N}.part";
        try
        {
            await using (var stored = await objects.GetAsync(key, cancellationToken)
                ?? throw new InvalidDataException($"the checkpoint of {record.Kind.Name()} {record.Version} ({key}) is missing from the object store"))
            await using (var file = File.Create(temporary))
                await stored.Content.CopyToAsync(file, cancellationToken);
            var actual = await Sha256Async(temporary, cancellationToken);
            if (record.Sha256 is { } expected && actual != expected)
                throw new InvalidDataException($"the checkpoint of {record.Kind.Name()} {record.Version} in the object store has SHA-256 {actual[..12]}…, not the registered {expected[..12]}…");
            File.Move(temporary, path, overwrite: true);
            return path;
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static async Task<string> Sha256Async(string path, CancellationToken cancellationToken)
    {
        await using var file = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(file, cancellationToken));
    }

    private string InClone(string path) => Path.IsPathRooted(path) ? path : Path.Combine(root, path);

    private string RelativeToClone(string path)
    {
        var relative = Path.GetRelativePath(root, Path.GetFullPath(path));
        return relative.StartsWith("..", StringComparison.Ordinal) ? Path.GetFullPath(path) : relative;
    }
}
