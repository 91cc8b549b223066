using System.CommandLine;
using ColorPix.Core.Data;

namespace ColorPix.Web.Cli;

/// <summary>`colorpix data sample|debian|coco|check`: build and validate dataset manifests.</summary>
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
        return data;
    }
}
