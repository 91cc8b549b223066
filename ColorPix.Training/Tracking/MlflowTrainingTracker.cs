using System.Globalization;
using System.Text.Json;
using ColorPix.Core.Models;

namespace ColorPix.Training.Tracking;

/// <summary>Records a training run in MLflow's file store: one experiment per model, params from the options,
/// per-epoch metrics (step = epoch), the sample grids and the checkpoint folder.</summary>
public sealed class MlflowTrainingTracker(MlflowFileStore store) : IRunTracker
{
    private MlflowRun? run;
    private string checkpointDirectory = "";

    public string? RunId { get; private set; }

    public void Start(string runName, TrainOptions options, bool resumed)
    {
        var experiment = store.GetOrCreateExperiment($"colorpix-{options.Model.Name()}");
        var tags = new Dictionary<string, string> { ["colorpix.run"] = runName, ["colorpix.kind"] = "train" };
        if (resumed) tags["colorpix.resumed"] = "true";
        run = store.StartRun(experiment, resumed ? $"{runName}-resumed" : runName, tags);
        RunId = run.RunId;
        var parameters = JsonSerializer.SerializeToElement(options with { Resume = null }).EnumerateObject()
            .Where(p => p.Value.ValueKind != JsonValueKind.Null)
            .ToDictionary(p => p.Name, p => p.Value.ToString());
        parameters["learning_rate"] = options.EffectiveLearningRate.ToString("R", CultureInfo.InvariantCulture);
        run.LogParams(parameters);
        run.LogText(JsonSerializer.Serialize(options, new JsonSerializerOptions { WriteIndented = true }), "config.json");
    }

    public void LogEpoch(EpochSummary summary, string sampleGridPath)
    {
        if (run is null) return;
        foreach (var (name, value) in summary.Train) run.LogMetric($"train_{name}", value, summary.Epoch);
        foreach (var (name, value) in summary.Validation) run.LogMetric($"val_{name}", value, summary.Epoch);
        run.LogMetric("images_per_second", summary.ImagesPerSecond, summary.Epoch);
        run.LogMetric("epoch_seconds", summary.Seconds, summary.Epoch);
        run.LogMetric("learning_rate", summary.LearningRate, summary.Epoch);
        if (File.Exists(sampleGridPath)) run.LogArtifact(sampleGridPath, "samples");
        checkpointDirectory = summary.CheckpointDirectory;
        run.SetTag("colorpix.checkpoint", Path.GetFullPath(checkpointDirectory));
    }

    public void End(bool interrupted, bool failed = false)
    {
        if (run is null) return;
        run.End(failed ? RunStatus.Failed : interrupted ? RunStatus.Killed : RunStatus.Finished);
        run.Dispose();
        run = null;
    }
}
