namespace ColorPix.Core.Metrics;

/// <summary>
/// Running sums of per-image scores for one predictor (a model, or the gray baseline).
/// PSNR is capped at <see cref="PsnrCapDb"/> before averaging: one perfectly reproduced image has infinite
/// PSNR and would otherwise make the whole mean infinite (and not representable in JSON).
/// </summary>
public sealed class MetricAccumulator
{
    public const double PsnrCapDb = 100;

    private double abMse, psnr, ssim, auc, colorfulness;

    public int ImageCount { get; private set; }

    public void Add(ImageScores scores)
    {
        abMse += scores.AbMse;
        psnr += Math.Min(scores.Psnr, PsnrCapDb);
        ssim += scores.Ssim;
        auc += scores.Auc;
        colorfulness += scores.Colorfulness;
        ImageCount++;
    }

    public void AddRange(IEnumerable<ImageScores> scores)
    {
        foreach (var score in scores) Add(score);
    }

    public EvaluationSummary Summary()
    {
        if (ImageCount == 0) throw new InvalidOperationException("no images were scored: there is nothing to average");
        double n = ImageCount;
        return new EvaluationSummary(abMse / n, psnr / n, ssim / n, auc / n, colorfulness / n, ImageCount);
    }
}
