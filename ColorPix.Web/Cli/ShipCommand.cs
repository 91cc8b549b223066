using System.CommandLine;
using ColorPix.Core.Checkpoints;
using ColorPix.Core.Data;
using ColorPix.Core.Models;
using ColorPix.Training;
using ColorPix.Training.Evaluation;
using Spectre.Console;

namespace ColorPix.Web.Cli;

/// <summary>`colorpix ship --checkpoint PATH`: makes a trained model the one a fresh clone serves
/// (checkpoints/KIND/model.safetensors), with the evaluation of that very file on the test split beside it.</summary>
public static class ShipCommand
{
    private static readonly Option<string> Checkpoint = new("--checkpoint") { Description = "The model to ship (e.g. checkpoints/RUN/best/model.safetensors)", Required = true };
    private static readonly Option<bool> Half = new("--half") { Description = "Store the weights as float16 (half the size)" };
    private static readonly Option<string> Data = new("--data") { Description = "Dataset whose test split is reported in eval.json", DefaultValueFactory = _ => "sample" };

    public static Command Create()
    {
        var command = new Command("ship", "Copy a trained model to checkpoints/KIND/ (what serve and colorize use) with its test evaluation") { Checkpoint, Half, Data };
        command.SetAction(parsed =>
        {
            var root = RepoPaths.FindRoot();
            var (model, metadata) = ModelCheckpoint.Load(parsed.GetValue(Checkpoint)!);
            using (model)
            {
                var target = RepoPaths.ShippedModel(root, model.Kind.Name());
                var extra = metadata.Where(p => p.Key is "epoch").ToDictionary(p => p.Key, p => p.Value);
                extra["source"] = Path.GetRelativePath(root, Path.GetFullPath(parsed.GetValue(Checkpoint)!));
                ModelCheckpoint.Save(target, model, extra, halfPrecision: parsed.GetValue(Half));
            }
            // Evaluate what was written, not what was read: fp16 rounding included.
            var (shipped, _) = ModelCheckpoint.Load(RepoPaths.ShippedModel(root, model.Kind.Name()));
            using (shipped)
            {
                var data = parsed.GetValue(Data)!;
                var source = new DatasetBatchSource(LoadedDataset.Open(data, root), shipped.ImageSize, batchSize: 8, workers: 2, seed: 0);
                var report = ModelEvaluation.Run(shipped, source, Split.Test);
                var evalPath = Path.Combine(Path.GetDirectoryName(RepoPaths.ShippedModel(root, shipped.Kind.Name()))!, Core.Inference.ModelCatalog.MetricsFileName);
                File.WriteAllText(evalPath, report.ToJson());
                var size = new FileInfo(RepoPaths.ShippedModel(root, shipped.Kind.Name())).Length;
                CliApp.ConsoleFor(parsed.InvocationConfiguration.Output).MarkupLine(
                    $"shipped {shipped.Kind.Name()} ({size / 1e6:F1} MB) with {Markup.Escape(Path.GetRelativePath(root, evalPath))}: " +
                    $"test ab MSE {report.Model.AbMse:F1} (gray {report.GrayBaseline.AbMse:F1}), AuC {report.Model.Auc:F2}% (gray {report.GrayBaseline.Auc:F2}%)");
            }
            return 0;
        });
        return command;
    }
}
