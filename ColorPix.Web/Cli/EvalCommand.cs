using ColorPix.Core.Engine;
using System.CommandLine;
using System.Globalization;
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

/// <summary>`colorpix eval --checkpoint PATH --data NAME [--robustness]`: a model against the gray baseline on the same
/// images; with --robustness also at full resolution on clean and damaged inputs, for one or more models.</summary>
public static class EvalCommand
{
    private static readonly Option<string[]> Checkpoint = new("--checkpoint")
    {
        Description = "Model file (model.safetensors); with --robustness several, one column each", Required = true,
        Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = true,
    };
    private static readonly Option<string> Data = new("--data") { Description = "Dataset name, manifest path, or names joined by +", DefaultValueFactory = _ => "sample" };
    private static readonly Option<string> SplitOption = new("--split") { Description = "train, val or test", DefaultValueFactory = _ => "test" };
    private static readonly Option<bool> Robustness = new("--robustness")
    {
        Description = "Also score at full resolution, as the service returns images, on the clean gray photo and on damaged copies " +
                      "(noise, grain, blur, JPEG, fade, old print), one row each; --json and --output then give this report",
    };
    private static readonly Option<bool> Json = new("--json") { Description = "Print the report as JSON" };
    private static readonly Option<string?> Output = new("--output") { Description = "Also write the JSON report to this file" };
    private static readonly Option<string?> Grid = new("--grid")
    {
        Description = $"Also draw the split's first {ResultGrid.DefaultRows} photos to this PNG, one row each: gray | each model, at full resolution " +
                      "as the service returns it | original", HelpName = "PNG",
    };
    private static readonly Option<int> Batch = new("--batch") { Description = "Images per batch", DefaultValueFactory = _ => 8 };
    private static readonly Option<string> DeviceOption = new("--device") { Description = "cpu, cuda or cuda:N", DefaultValueFactory = _ => "cpu" };

    public static Command Create()
    {
        var command = new Command("eval", "Evaluate a model: ab MSE, PSNR, SSIM, AuC, colorfulness, next to the gray baseline")
        {
            Checkpoint, Data, SplitOption, Robustness, Json, Output, Grid, Batch, DeviceOption,
        };
        command.SetAction(parsed =>
        {
            var root = RepoPaths.FindRoot();
            var split = Enum.TryParse<Split>(parsed.GetValue(SplitOption), ignoreCase: true, out var s) ? s
                : throw new ArgumentException($"--split must be train, val or test, not '{parsed.GetValue(SplitOption)}'");
            var splitName = split.ToString().ToLowerInvariant();
            if (parsed.GetValue(Batch) < 1) throw new ArgumentException("--batch must be at least 1");
            var checkpoints = parsed.GetValue(Checkpoint)!;
            var robust = parsed.GetValue(Robustness);
            if (checkpoints.Length > 1 && !robust) throw new ArgumentException("several --checkpoint values need --robustness (one column each)");
            var device = Devices.Parse(parsed.GetValue(DeviceOption)!).EnsureAvailable();
            var dataName = parsed.GetValue(Data)!;
            var dataset = LoadedDataset.Open(dataName, root);
            var models = new List<ColorizationModel>();
            try
            {
                foreach (var checkpoint in checkpoints) models.Add(ModelCheckpoint.Load(checkpoint, device).Model);
                var names = ColumnNames(models);
                var sources = models.Select(m => new DatasetBatchSource(dataset, m.ImageSize, parsed.GetValue(Batch), workers: 2, seed: 0)).ToList();
                var named = models.Select((m, i) => (names[i], m)).ToList();
                var grid = parsed.GetValue(Grid);
                // Opening verifies the manifest's files: once, for whichever of the two reads the photos.
                var photos = robust || grid is not null ? ImageFolderDataset.Open(dataset, split) : null;
                var robustness = robust ? RobustnessEvaluation.Run(named, photos!, split, Perturbations.Evaluation, device: device) : null;
                var store = new MlflowFileStore(RepoPaths.MlrunsFolder(root));
                var reports = new List<(string Name, EvaluationReport Report, string RunId)>();
                for (var i = 0; i < models.Count; i++)
                {
                    var report = ModelEvaluation.Run(models[i], sources[i], split, device);
                    var runId = MlflowEvaluationRecorder.Record(store, models[i].Kind, checkpoints[i], dataName, splitName, report, robustness, names[i]);
                    reports.Add((names[i], report, runId));
                }
                if (grid is not null) ResultGrid.Save(named, photos!, grid, device: device);
                var json = robustness?.ToJson() ?? reports[0].Report.ToJson();
                if (parsed.GetValue(Output) is { } path) File.WriteAllText(path, json);
                var output = parsed.InvocationConfiguration.Output;
                if (parsed.GetValue(Json))
                {
                    output.WriteLine(json);
                    return 0;
                }
                var console = CliApp.ConsoleFor(output);
                foreach (var (name, report, runId) in reports) Render(console, report, $"{name} on {dataName}/{splitName}", runId);
                if (robustness is not null) Render(console, robustness, $"{dataName}/{splitName}");
            }
            finally
            {
                foreach (var model in models) model.Dispose();
            }
            return 0;
        });
        return command;
    }

    /// <summary>Each model's column: its kind, numbered when two models are of the same kind.</summary>
    private static List<string> ColumnNames(IReadOnlyList<ColorizationModel> models)
    {
        var kinds = models.Select(m => m.Kind.Name()).ToList();
        return kinds.Select((k, i) => kinds.Count(o => o == k) > 1 ? $"{k}-{i + 1}" : k).ToList();
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

    /// <summary>One row per input condition; per model its AuC, the change from clean (red beyond the 2 points the
    /// issue allows), PSNR and colorfulness. A long strength (a combination) is spelled out below the table.</summary>
    private static void Render(IAnsiConsole console, RobustnessReport report, string title)
    {
        var models = report.Predictors.Skip(1).ToList();
        var table = new Table().Title($"full resolution, {title}: {report.ImageCount} photos, gray input damaged, scored against the colour original")
            .AddColumn(new TableColumn("input").NoWrap())
            .AddColumn(new TableColumn("gray\nAuC %").RightAligned()).AddColumn(new TableColumn("gray\nPSNR").RightAligned());
        foreach (var model in models)
            foreach (var column in new[] { "AuC %", "Δ clean", "PSNR", "colorful." })
                table.AddColumn(new TableColumn(Markup.Escape($"{model}\n{column}")).RightAligned());
        var notes = new List<string>();
        foreach (var row in report.Rows)
        {
            var label = row.Strength.Length <= 24 ? row.Condition : $"{row.Name} (*{notes.Count + 1})";
            if (row.Strength.Length > 24) notes.Add($"(*{notes.Count + 1}) {row.Condition}");
            var gray = row.Scores[RobustnessReport.GrayPredictor];
            var cells = new List<string> { Markup.Escape(label), $"{gray.Auc:F2}", $"{gray.Psnr:F2}" };
            foreach (var model in models)
            {
                var scores = row.Scores[model];
                var drop = Math.Round(scores.Auc - report.Clean.Scores[model].Auc, 2);
                var shown = drop == 0 ? "0.00" : drop.ToString("+0.00;-0.00", CultureInfo.InvariantCulture);
                cells.AddRange([$"{scores.Auc:F2}", drop < -2 ? $"[red]{shown}[/]" : shown, $"{scores.Psnr:F2}", $"{scores.Colorfulness:F1}"]);
            }
            table.AddRow(cells.ToArray());
        }
        // A log or a file has no width of its own (Spectre assumes 80): give the table the room it needs.
        if (!console.Profile.Out.IsTerminal) console.Profile.Width = Math.Max(console.Profile.Width, 48 + 56 * models.Count);
        console.Write(table);
        foreach (var note in notes) console.MarkupLine(Markup.Escape(note));
        console.MarkupLine(Markup.Escape($"colorfulness of the colour originals: {report.OriginalColorfulness:F1}"));
        if (report.Skipped.Count > 0) console.MarkupLine(Markup.Escape($"skipped: {string.Join("; ", report.Skipped)}"));
    }
}
