using ColorPix.Core.Engine;
using System.CommandLine;
using ColorPix.Core.Checkpoints;
using ColorPix.Core.Data;
using ColorPix.Core.Metrics;
using ColorPix.Core.Models;
using TorchSharp;
using static TorchSharp.torch;
using ColorPix.Training;
using ColorPix.Training.Evaluation;
using ColorPix.Training.Tracking;
using Spectre.Console;

namespace ColorPix.Web.Cli;

/// <summary>`colorpix eval --checkpoint PATH --data NAME`: a model against the gray baseline on the same images.</summary>
public static class EvalCommand
{
    private static readonly Option<string> Checkpoint = new("--checkpoint") { Description = "Model file (model.safetensors)", Required = true };
    private static readonly Option<string> Data = new("--data") { Description = "Dataset name or manifest path", DefaultValueFactory = _ => "sample" };
    private static readonly Option<string> SplitOption = new("--split") { Description = "train, val or test", DefaultValueFactory = _ => "test" };
    private static readonly Option<bool> Json = new("--json") { Description = "Print the report as JSON" };
    private static readonly Option<string?> Output = new("--output") { Description = "Also write the JSON report to this file" };
    private static readonly Option<int> Batch = new("--batch") { Description = "Images per batch", DefaultValueFactory = _ => 8 };
    private static readonly Option<string> DeviceOption = new("--device") { Description = "cpu, cuda or cuda:N", DefaultValueFactory = _ => "cpu" };

    public static Command Create()
    {
        var command = new Command("eval", "Evaluate a model: ab MSE, PSNR, SSIM, AuC, colorfulness, next to the gray baseline")
        {
            Checkpoint, Data, SplitOption, Json, Output, Batch, DeviceOption,
        };
        command.SetAction(parsed =>
        {
            var root = RepoPaths.FindRoot();
            var split = Enum.TryParse<Split>(parsed.GetValue(SplitOption), ignoreCase: true, out var s) ? s
                : throw new ArgumentException($"--split must be train, val or test, not '{parsed.GetValue(SplitOption)}'");
            if (parsed.GetValue(Batch) < 1) throw new ArgumentException("--batch must be at least 1");
            var device = Devices.Parse(parsed.GetValue(DeviceOption)!).EnsureAvailable();
            var checkpoint = parsed.GetValue(Checkpoint)!;
            var (model, _) = ModelCheckpoint.Load(checkpoint, device);
            using (model)
            {
                var dataName = parsed.GetValue(Data)!;
                var source = new DatasetBatchSource(RepoPaths.ManifestOf(dataName, root), model.ImageSize, parsed.GetValue(Batch), workers: 2, seed: 0);
                var report = ModelEvaluation.Run(model, source, split, device);
                var runId = MlflowEvaluationRecorder.Record(new MlflowFileStore(RepoPaths.MlrunsFolder(root)), model.Kind, checkpoint, dataName,
                    split.ToString().ToLowerInvariant(), report);
                if (parsed.GetValue(Output) is { } path) File.WriteAllText(path, report.ToJson());
                var output = parsed.InvocationConfiguration.Output;
                if (parsed.GetValue(Json)) output.WriteLine(report.ToJson());
                else Render(CliApp.ConsoleFor(output), report, $"{model.Kind.Name()} on {dataName}/{split.ToString().ToLowerInvariant()}", runId);
            }
            return 0;
        });
        return command;
    }

    private static void Render(IAnsiConsole console, EvaluationReport report, string title, string runId)
    {
        var table = new Table().Title($"{title}: {report.Model.ImageCount} images")
            .AddColumn("metric").AddColumn(new TableColumn("model").RightAligned()).AddColumn(new TableColumn("gray baseline").RightAligned())
            .AddColumn("better");
        Row(table, "ab MSE", report.Model.AbMse, report.GrayBaseline.AbMse, lowerIsBetter: true);
        Row(table, "PSNR (dB)", report.Model.Psnr, report.GrayBaseline.Psnr, lowerIsBetter: false);
        Row(table, "SSIM", report.Model.Ssim, report.GrayBaseline.Ssim, lowerIsBetter: false);
        Row(table, "AuC (%)", report.Model.Auc, report.GrayBaseline.Auc, lowerIsBetter: false);
        Row(table, "colorfulness", report.Model.Colorfulness, report.GrayBaseline.Colorfulness, lowerIsBetter: false);
        console.Write(table);
        console.MarkupLine($"[grey]recorded as MLflow run {runId}[/]");
    }

    private static void Row(Table table, string name, double model, double gray, bool lowerIsBetter)
    {
        var modelWins = lowerIsBetter ? model < gray : model > gray;
        table.AddRow(name, $"{model:F4}", $"{gray:F4}", modelWins ? "[green]model[/]" : "[yellow]baseline[/]");
    }
}
