using ColorPix.Core.Metrics;
using ColorPix.Core.Models;

namespace ColorPix.Training.Tracking;

/// <summary>Records an evaluation as an MLflow run of the model's experiment: model_* and gray_* metrics, the report as
/// eval.json, and with a robustness report its rows (auc.noise_s10, gray_auc.noise_s10, ...) and robustness.json.</summary>
public static class MlflowEvaluationRecorder
{
    /// <param name="predictor">This model's column in <paramref name="robustness"/>.</param>
    public static string Record(MlflowFileStore store, ModelKind kind, string checkpoint, string data, string split, EvaluationReport report,
        RobustnessReport? robustness = null, string? predictor = null)
    {
        if (robustness is not null && (predictor is null || !robustness.Predictors.Contains(predictor)))
            throw new ArgumentException($"'{predictor}' is not a column of the robustness report ({string.Join(", ", robustness.Predictors)})", nameof(predictor));
        var experiment = store.GetOrCreateExperiment($"colorpix-{kind.Name()}");
        using var run = store.StartRun(experiment, $"eval-{Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(checkpoint)))}-{split}",
            new Dictionary<string, string> { ["colorpix.kind"] = "eval" });
        run.LogParams(new Dictionary<string, string> { ["checkpoint"] = Path.GetFullPath(checkpoint), ["data"] = data, ["split"] = split });
        Log(run, "model", report.Model);
        Log(run, "gray", report.GrayBaseline);
        run.LogText(report.ToJson(), "eval.json");
        if (robustness is not null)
        {
            foreach (var row in robustness.Rows)
            {
                Log(run, "", row.Key, row.Scores[predictor!]);
                Log(run, "gray_", row.Key, row.Scores[RobustnessReport.GrayPredictor]);
            }
            run.LogMetric("original_colorfulness", robustness.OriginalColorfulness);
            run.LogText(robustness.ToJson(), "robustness.json");
        }
        return run.RunId;
    }

    private static void Log(MlflowRun run, string prefix, EvaluationSummary s)
    {
        run.LogMetric($"{prefix}_ab_mse", s.AbMse);
        run.LogMetric($"{prefix}_psnr", s.Psnr);
        run.LogMetric($"{prefix}_ssim", s.Ssim);
        run.LogMetric($"{prefix}_auc", s.Auc);
        run.LogMetric($"{prefix}_colorfulness", s.Colorfulness);
    }

    // Full-resolution scores under one condition: auc.clean, psnr.noise_s10, gray_colorfulness.blur_s2 ...
    private static void Log(MlflowRun run, string prefix, string condition, PhotoSummary s)
    {
        run.LogMetric($"{prefix}ab_mse.{condition}", s.AbMse);
        run.LogMetric($"{prefix}psnr.{condition}", s.Psnr);
        run.LogMetric($"{prefix}auc.{condition}", s.Auc);
        run.LogMetric($"{prefix}colorfulness.{condition}", s.Colorfulness);
    }
}
