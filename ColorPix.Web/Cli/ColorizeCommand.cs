using ColorPix.Core.Engine;
using System.CommandLine;
using ColorPix.Core.Checkpoints;
using ColorPix.Core.Data;
using ColorPix.Core.Inference;
using ColorPix.Core.Models;
using TorchSharp;
using static TorchSharp.torch;
using ColorPix.Core.Imaging;

namespace ColorPix.Web.Cli;

/// <summary>`colorpix colorize IN... --model autoencoder|pix2pix|both --out DIR`: full-size colorized PNGs. An IN that is
/// a folder stands for the photos in it (an album); progress shows as a bar on a terminal, as numbered lines in a log.</summary>
public static class ColorizeCommand
{
    private static readonly Argument<string[]> Inputs = new("IN") { Description = "Photos or folders of photos to colorize (color ones are turned gray first)", Arity = ArgumentArity.OneOrMore };
    private static readonly Option<string> Model = new("--model") { Description = "autoencoder, pix2pix or both", DefaultValueFactory = _ => "both" };
    private static readonly Option<string> Out = new("--out") { Description = "Output folder", DefaultValueFactory = _ => "colorized" };
    private static readonly Option<string?> Checkpoint = new("--checkpoint") { Description = "A model file instead of the shipped one (with a single --model)" };
    private static readonly Option<string> DeviceOption = new("--device") { Description = "cpu, cuda or cuda:N", DefaultValueFactory = _ => "cpu" };

    public static Command Create()
    {
        var command = new Command("colorize", "Colorize photos with the shipped models (or --checkpoint); writes IN-name.MODEL.png") { Inputs, Model, Out, Checkpoint, DeviceOption };
        command.SetAction(parsed =>
        {
            var (output, error) = (parsed.InvocationConfiguration.Output, parsed.InvocationConfiguration.Error);
            var device = Devices.Parse(parsed.GetValue(DeviceOption)!).EnsureAvailable();
            var kinds = parsed.GetValue(Model)!.Trim().ToLowerInvariant() == "both" ? [ModelKind.AutoEncoder, ModelKind.Pix2Pix] : new[] { ModelKinds.Parse(parsed.GetValue(Model)!) };
            var checkpoint = parsed.GetValue(Checkpoint);
            if (checkpoint is not null && kinds.Length != 1) throw new ArgumentException("--checkpoint needs a single --model");
            var root = RepoPaths.FindRoot();
            var models = kinds.Select(k => ModelCheckpoint.Load(checkpoint ?? RepoPaths.ShippedModel(root, k.Name()), device).Model).ToList();
            try
            {
                var outDir = parsed.GetValue(Out)!;
                Directory.CreateDirectory(outDir);
                var inputs = Expand(parsed.GetValue(Inputs)!);
                var failures = 0;
                void ColorizeAll(Action<string>? advanced)
                {
                    for (var i = 0; i < inputs.Count; i++)
                    {
                        var input = inputs[i];
                        try
                        {
                            using var image = Image.Decode(File.ReadAllBytes(input));
                            foreach (var model in models)
                            {
                                using var result = Colorizer.Colorize(model, image, device);
                                var path = Path.Combine(outDir, $"{Path.GetFileNameWithoutExtension(input)}.{model.Kind.Name()}.png");
                                File.WriteAllBytes(path, result.Encode(ImageFormat.Png));
                                // Under a progress bar, lines written beside it would break its drawing: the bar says it instead.
                                if (advanced is null) output.WriteLine($"[{i + 1}/{inputs.Count}] {input} -> {path} ({result.Width}x{result.Height})");
                            }
                        }
                        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ImageFormatException)
                        {
                            failures++;
                            error.WriteLine($"colorpix: {input}: {e.Message}");
                        }
                        advanced?.Invoke(input);
                    }
                }
                if (output == Console.Out && !Console.IsOutputRedirected && inputs.Count > 1)
                    Spectre.Console.AnsiConsole.Progress().Start(progress =>
                    {
                        var bar = progress.AddTask($"colorizing {inputs.Count} photos", maxValue: inputs.Count);
                        ColorizeAll(input =>
                        {
                            bar.Increment(1);
                            bar.Description = Spectre.Console.Markup.Escape(Path.GetFileName(input));
                        });
                    });
                else ColorizeAll(null);
                if (inputs.Count > 1) output.WriteLine($"{inputs.Count - failures} of {inputs.Count} photos colorized into {outDir}");
                return failures == 0 ? 0 : 1;
            }
            finally
            {
                foreach (var m in models) m.Dispose();
            }
        });
        return command;
    }

    /// <summary>Files as given; a folder becomes its photos (top level, by name). A missing path stays, to be reported.</summary>
    internal static IReadOnlyList<string> Expand(IEnumerable<string> inputs) => inputs.SelectMany<string, string>(input => Directory.Exists(input)
        ? Directory.EnumerateFiles(input).Where(ImageFiles.IsImagePath).Order(StringComparer.Ordinal)
        : [input]).ToList();
}
