using ColorPix.Core.Models;

namespace ColorPix.Web.Storage.Metadata;

/// <summary>Where a registered version stands. One champion per kind at most: the version every replica serves.</summary>
public enum VersionStatus { Champion, Challenger, Retired, Rejected }

/// <summary>A registered model version (/show_models, `colorpix models list`).</summary>
/// <param name="Path">Where the checkpoint came from, as given at registration (informative).</param>
/// <param name="CheckpointKey">The checkpoint in the object store: what every replica loads.</param>
/// <param name="Sha256">Lowercase hex SHA-256 of the checkpoint file.</param>
/// <param name="RunId">The MLflow run that trained it, when known.</param>
/// <param name="Dataset">The dataset it was trained on, when known (a manifest name).</param>
/// <param name="MetricsJson">The latest evaluation as a JSON object, stored as given.</param>
/// <param name="EvaluatedOn">What <paramref name="MetricsJson"/> was measured on, e.g. "sample/test".</param>
/// <param name="MlflowVersion">Its version number in the MLflow registry mirror.</param>
/// <param name="ChampionSince">When it last became champion.</param>
public sealed record ModelRecord(long Id, ModelKind Kind, string Version, string Path, string? CheckpointKey, string? Sha256, string? RunId,
    string? Dataset, string MetricsJson, string? EvaluatedOn, VersionStatus Status, int? MlflowVersion, DateTimeOffset RegisteredAt,
    DateTimeOffset? ChampionSince)
{
    public bool IsChampion => Status == VersionStatus.Champion;
}

public sealed record ModelRegistration(ModelKind Kind, string Version, string Path, string MetricsJson, DateTimeOffset RegisteredAt)
{
    public string? CheckpointKey { get; init; }
    public string? Sha256 { get; init; }
    public string? RunId { get; init; }
    public string? Dataset { get; init; }
    public string? EvaluatedOn { get; init; }
}

/// <summary>The models table: every registered version and its status.</summary>
public interface IModelRegistry
{
    /// <summary>Registers (kind, version) as a challenger, or updates the lineage and metrics of a registered one
    /// (null fields keep their value); its status and first registration time are kept.</summary>
    Task<ModelRecord> UpsertAsync(ModelRegistration model, CancellationToken cancellationToken);

    /// <summary>All versions by kind, then newest registration first.</summary>
    Task<IReadOnlyList<ModelRecord>> ListAsync(CancellationToken cancellationToken);

    Task<ModelRecord?> GetAsync(ModelKind kind, string version, CancellationToken cancellationToken);

    Task<ModelRecord?> GetChampionAsync(ModelKind kind, CancellationToken cancellationToken);

    /// <summary>Makes this version champion and the previous champion retired, in one transaction. false when
    /// (kind, version) is not registered, or when <paramref name="onlyIfNone"/> and the kind already has a champion;
    /// nothing changes then.</summary>
    Task<bool> SetChampionAsync(ModelKind kind, string version, DateTimeOffset at, CancellationToken cancellationToken, bool onlyIfNone = false);

    /// <summary>Sets a non-champion status (challenger, retired, rejected); false when not registered or champion.</summary>
    Task<bool> SetStatusAsync(ModelKind kind, string version, VersionStatus status, CancellationToken cancellationToken);

    Task SetMlflowVersionAsync(ModelKind kind, string version, int mlflowVersion, CancellationToken cancellationToken);
}
