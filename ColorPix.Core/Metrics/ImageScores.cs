using ColorPix.Core.Color;
using TorchSharp;
using static TorchSharp.torch;

namespace ColorPix.Core.Metrics;

/// <summary>All metrics of one predicted image against its ground truth.</summary>
/// <param name="AbMse">Mean squared ab error (ab units squared).</param>
/// <param name="Psnr">PSNR of the RGB images in dB; +infinity for identical images.</param>
/// <param name="Ssim">SSIM of the RGB images (see <see cref="StructuralSimilarity"/>).</param>
/// <param name="Auc">Area under the ab error CDF, percent.</param>
/// <param name="Colorfulness">Colorfulness of the prediction (Hasler and Suesstrunk, 0..255 scale).</param>
public sealed record ImageScores(double AbMse, double Psnr, double Ssim, double Auc, double Colorfulness)
{
    /// <summary>Scores a batch of predictions, both as Lab [N,3,H,W]; RGB metrics use sRGB from <see cref="Lab.LabToRgb"/>.</summary>
    public static ImageScores[] Compute(Tensor predictedLab, Tensor trueLab)
    {
        using var scope = torch.NewDisposeScope();
        var predictedRgb = Lab.LabToRgb(predictedLab);
        var trueRgb = Lab.LabToRgb(trueLab);
        var abMse = ColorizationMetrics.AbMse(predictedLab, trueLab);
        var psnr = ColorizationMetrics.Psnr(predictedRgb, trueRgb);
        var ssim = StructuralSimilarity.Ssim(predictedRgb, trueRgb);
        var auc = ColorizationMetrics.AbErrorAuc(predictedLab, trueLab);
        var colorfulness = ColorizationMetrics.Colorfulness(predictedRgb);
        return Enumerable.Range(0, abMse.Length)
            .Select(i => new ImageScores(abMse[i], psnr[i], ssim[i], auc[i], colorfulness[i]))
            .ToArray();
    }
}
