using ColorPix.Core.Metrics;

namespace ColorPix.Web.Storage.Metadata;

/// <param name="Features">Each feature's drift, in <see cref="DriftFeatures.Names"/> order.</param>
public sealed record DriftReport(long Id, DateTimeOffset CheckedAt, string Reference, int WindowSize, double WorstPsi, bool Major,
    IReadOnlyList<FeatureDrift> Features);

/// <summary>Upload features (migration 4) and the drift checks made on them.</summary>
public interface IDriftStore
{
    Task AddFeaturesAsync(DriftFeatures features, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>The features of the newest <paramref name="limit"/> uploads.</summary>
    Task<IReadOnlyList<DriftFeatures>> RecentFeaturesAsync(int limit, CancellationToken cancellationToken);

    Task<DriftReport> AddReportAsync(DateTimeOffset at, string reference, int windowSize, bool major, IReadOnlyList<FeatureDrift> features,
        CancellationToken cancellationToken);

    /// <summary>The newest reports first.</summary>
    Task<IReadOnlyList<DriftReport>> ListReportsAsync(int limit, CancellationToken cancellationToken);
}
