using ColorPix.Core.Metrics;
using ColorPix.Core.Models;

namespace ColorPix.Training.Tracking;

/// <summary>Records an evaluation as an MLflow run of the model's experiment: model_* and gray_* metrics, the report as eval.json.</summary>
public static class MlflowEvaluationRecorder
{
    public static string Record(MlflowFileStore store, ModelKind kind, string checkpoint, string data, string split, EvaluationReport report)
    {
        var experiment = store.GetOrCreateExperiment($"colorpix-{kind.Name()}");
        using var run = store.StartRun(experiment, $"eval-{Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(checkpoint)))}-{split}",
            new Dictionary<string, string> { ["colorpix.kind"] = "eval" });
        run.LogParams(new Dictionary<string, string> { ["checkpoint"] = Path.GetFullPath(checkpoint), ["data"] = data, ["split"] = split });
        Log(run, "model", report.Model);
        Log(run, "gray", report.GrayBaseline);
        run.LogText(report.ToJson(), "eval.json");
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
}
