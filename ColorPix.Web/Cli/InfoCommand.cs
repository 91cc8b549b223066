using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using Spectre.Console;

namespace ColorPix.Web.Cli;

/// <summary>`colorpix info [--json]`: versions, math libraries, threads and devices, to check an install at a glance.</summary>
public static class InfoCommand
{
    private static readonly Option<bool> Json = new("--json") { Description = "Print the same facts as JSON" };

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // Output for people and scripts, never embedded in HTML: keep "0.1.0+abc" readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Command Create()
    {
        var command = new Command("info", "Show ColorPix, TorchSharp and libtorch versions, MKL/oneDNN, threads and devices");
        command.Options.Add(Json);
        command.SetAction(parsed =>
        {
            var output = parsed.InvocationConfiguration.Output;
            var info = EngineInfo.Collect();
            if (parsed.GetValue(Json)) output.WriteLine(JsonSerializer.Serialize(info, JsonOptions));
            else Render(info, CliApp.ConsoleFor(output));
            return 0;
        });
        return command;
    }

    private static void Render(EngineInfo info, IAnsiConsole console)
    {
        var table = new Table().Title("colorpix info").AddColumn("").AddColumn("");
        table.ShowHeaders = false;
        table.AddRow("ColorPix", Markup.Escape(info.Version));
        table.AddRow("TorchSharp", Markup.Escape(info.TorchSharp));
        table.AddRow("libtorch", Markup.Escape(info.Libtorch));
        table.AddRow("MKL", Markup.Escape(info.Mkl ?? "unknown"));
        table.AddRow("oneDNN (MKLDNN)", Markup.Escape(info.OneDnn ?? "unknown"));
        table.AddRow("BLAS", Markup.Escape(info.Blas ?? "unknown"));
        table.AddRow("CPU capability", Markup.Escape(info.CpuCapability ?? "unknown"));
        table.AddRow("threads", $"{info.Threads} intra-op, {info.InteropThreads} inter-op");
        table.AddRow("devices", Markup.Escape(string.Join(", ", info.Devices)));
        console.Write(table);
    }
}
