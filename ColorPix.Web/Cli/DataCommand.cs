using System.CommandLine;
using ColorPix.Core.Data;
using ColorPix.Web.Storage;
using ColorPix.Web.Storage.Metadata;
using ColorPix.Web.Storage.Objects;

namespace ColorPix.Web.Cli;

/// <summary>`colorpix data sample|debian|coco|check|export-consented`: build and validate dataset manifests.</summary>
public static class DataCommand
{
    public static Command Create()
    {
        var data = new Command("data", "Datasets: the shipped sample, the Debian photo corpus, MSCOCO or any photo folder, and their conformity check");

        var sample = new Command("sample", "Build data/sample from photos Debian packages ship (installs them when missing)");
        sample.SetAction(parsed => DataCommands.Sample(RepoPaths.FindRoot(), parsed.InvocationConfiguration.Output));

        var debian = new Command("debian", "Build data/splits/debian.json from every colour photograph Debian packages ship (downloaded into data/debian/, not installed)");
        debian.SetAction(parsed => DataCommands.Debian(RepoPaths.FindRoot(), parsed.InvocationConfiguration.Output));

        var source = new Option<string>("--source") { Description = "Folder of the download (train2017/, val2017/, ...) or any photo tree", Required = true };
        var name = new Option<string>("--name") { Description = "Dataset name: writes data/splits/NAME.json", DefaultValueFactory = _ => "coco" };
        var coco = new Command("coco", "Write the manifest of an MSCOCO download or any folder of photos") { source, name };
        coco.SetAction(parsed => DataCommands.Coco(parsed.GetValue(source)!, parsed.GetValue(name)!, parsed.InvocationConfiguration.Output));

        var dataset = new Argument<string>("NAME") { Description = "Dataset name (data/splits/NAME.json) or manifest path" };
        var check = new Command("check", "Validate a dataset: counts per split, sizes, formats, duplicates, missing or changed files") { dataset };
        check.SetAction(parsed => DataCommands.Check(parsed.GetValue(dataset)!, parsed.InvocationConfiguration.Output));

        data.Subcommands.Add(sample);
        data.Subcommands.Add(debian);
        data.Subcommands.Add(coco);
        data.Subcommands.Add(check);
        data.Subcommands.Add(ExportConsented());
        return data;
    }

    private static Command ExportConsented()
    {
        var name = new Option<string>("--name") { Description = "Dataset name: writes data/splits/NAME.json and data/NAME/", Required = true };
        var against = new Option<string[]>("--against")
        {
            Description = "Manifests whose images are left out as already present (default: every one in data/splits/ but NAME)",
            HelpName = "BASE", AllowMultipleArgumentsPerToken = true,
        };
        var export = new Command("export-consented",
            "Export the uploads whose owners consent to training (storage as configured for serve) as a train-only dataset") { name, against };
        export.SetAction(async (parsed, cancellation) =>
        {
            var (root, output) = (RepoPaths.FindRoot(), parsed.InvocationConfiguration.Output);
            if (ConsentedExport.Refusal(parsed.GetValue(name)!, root) is { } refusal)
            {
                output.WriteLine($"error: {refusal}");
                return 2;
            }
            await using var storage = await StandaloneStorage.OpenAsync(cancellation);
            var services = storage.Services;
            var run = new ConsentedExport(services.GetRequiredService<IImageStore>(), services.GetRequiredService<IObjectStore>(), TimeProvider.System, output);
            var summary = await run.RunAsync(parsed.GetValue(name)!, parsed.GetValue(against), root, cancellation);
            if (summary.Exported == 0) output.WriteLine("no consented upload to export (or none that is new): the manifest is empty");
            output.WriteLine($"exported {summary.Exported}, skipped as duplicates {summary.Duplicates}, skipped otherwise {summary.Skipped}: " +
                             $"written to {summary.ManifestPath} and {summary.Folder}");
            return 0;
        });
        return export;
    }
}
