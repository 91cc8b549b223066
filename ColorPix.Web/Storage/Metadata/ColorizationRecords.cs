using ColorPix.Core.Models;

namespace ColorPix.Web.Storage.Metadata;

/// <summary>The result of one model on one image; at most one per (image, model).</summary>
public sealed record ColorizationRecord(
    long Id,
    Guid ImageId,
    ModelKind Model,
    string ModelVersion,
    string ResultKey,
    string ResultThumbnailKey,
    long DurationMs,
    DateTimeOffset CreatedAt);

public sealed record NewColorization(
    Guid ImageId,
    ModelKind Model,
    string ModelVersion,
    string ResultKey,
    string ResultThumbnailKey,
    long DurationMs,
    DateTimeOffset CreatedAt);
