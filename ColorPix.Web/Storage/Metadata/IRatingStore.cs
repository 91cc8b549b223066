using ColorPix.Core.Models;

namespace ColorPix.Web.Storage.Metadata;

/// <summary>Ratings of colorizations: one per (user, image, model), 1 to 5 stars, the latest one counts.</summary>
public interface IRatingStore
{
    public const int MinStars = 1;
    public const int MaxStars = 5;

    /// <summary>Creates or replaces the user's rating of their image's colorization by <paramref name="model"/>.
    /// false when that colorization does not exist or the image is not the user's.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="stars"/> is outside 1..5.</exception>
    Task<bool> UpsertAsync(long userId, Guid imageId, ModelKind model, int stars, DateTimeOffset ratedAt, CancellationToken cancellationToken);

    /// <summary>The user's stars for that colorization, null when not rated.</summary>
    Task<int?> GetAsync(long userId, Guid imageId, ModelKind model, CancellationToken cancellationToken);

    /// <summary>Mean and count per model over all users, for the admin views; models never rated are absent.</summary>
    Task<IReadOnlyList<RatingSummary>> SummarizeByModelAsync(CancellationToken cancellationToken);

    /// <summary>Mean stars and count per model version (the version stored with each rated result).</summary>
    Task<IReadOnlyList<VersionRatingSummary>> SummarizeByVersionAsync(CancellationToken cancellationToken);
}

public sealed record RatingSummary(ModelKind Model, double MeanStars, long Count);

public sealed record VersionRatingSummary(ModelKind Model, string Version, double MeanStars, long Count);
