namespace ColorPix.Core.Metrics;

/// <summary>Means of the per-image metrics over a dataset (PSNR capped, see <see cref="MetricAccumulator.PsnrCapDb"/>).</summary>
public sealed record EvaluationSummary(double AbMse, double Psnr, double Ssim, double Auc, double Colorfulness, int ImageCount);
