using ColorPix.Core.Models;

namespace ColorPix.Web.Storage.Metadata;

/// <summary>A trained model known to the service (/show_models).</summary>
/// <param name="Path">Where the checkpoint is, as given at registration (a file path or an object key).</param>
/// <param name="MetricsJson">The evaluation metrics as a JSON object, stored as given.</param>
public sealed record ModelRecord(long Id, ModelKind Kind, string Version, string Path, string MetricsJson, bool IsActive, DateTimeOffset RegisteredAt);

public sealed record ModelRegistration(ModelKind Kind, string Version, string Path, string MetricsJson, DateTimeOffset RegisteredAt);

/// <summary>The models table: every registered version, and which one per kind is served.</summary>
public interface IModelRegistry
{
    /// <summary>Registers (kind, version) or updates its path and metrics; the active flag and the first
    /// registration time are kept.</summary>
    Task<ModelRecord> UpsertAsync(ModelRegistration model, CancellationToken cancellationToken);

    /// <summary>All models by kind, then newest registration first.</summary>
    Task<IReadOnlyList<ModelRecord>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Makes this version the served one of its kind and the others of that kind inactive (one transaction).
    /// false when (kind, version) is not registered; nothing changes then.</summary>
    Task<bool> SetActiveAsync(ModelKind kind, string version, CancellationToken cancellationToken);

    Task<ModelRecord?> GetActiveAsync(ModelKind kind, CancellationToken cancellationToken);
}
