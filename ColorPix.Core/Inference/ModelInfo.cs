using ColorPix.Core.Metrics;
using ColorPix.Core.Models;

namespace ColorPix.Core.Inference;

/// <summary>
/// What the service tells about a loaded model. <see cref="Hash"/> (first 12 hex digits of the file's SHA-256)
/// identifies the exact weights; the epoch, when the checkpoint records one, makes it readable.
/// </summary>
public sealed record ModelInfo(ModelKind Kind, string Path, string Hash, int? Epoch, int ImageSize, EvaluationReport? Metrics, DateTimeOffset LoadedAt)
{
    public string Version => Epoch is { } epoch ? $"{Hash}-epoch{epoch}" : Hash;
}

/// <summary>A model's place in the catalog: loaded (with its info) or not, and then why.</summary>
public sealed record ModelAvailability(ModelKind Kind, string? Path, ModelInfo? Info, string? Problem)
{
    public bool IsAvailable => Info is not null;
}
