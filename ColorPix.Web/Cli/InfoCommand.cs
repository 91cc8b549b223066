using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using Spectre.Console;

namespace ColorPix.Web.Cli;

/// <summary>`colorpix info [--json]`: versions, BLAS, threads and devices, to check an install at a glance.</summary>
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
        var command = new Command("info", "Show ColorPix, libtorch, OpenCV and BLAS versions, threads and devices");
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
        table.AddRow("libtorch", Markup.Escape(info.Libtorch));
        table.AddRow("OpenCV", Markup.Escape(info.OpenCv));
        table.AddRow("BLAS", Markup.Escape(info.Blas));
        table.AddRow("threads", info.Threads.ToString());
        table.AddRow("devices", Markup.Escape(string.Join(", ", info.Devices)));
        console.Write(table);
        if (info.BlasWarning is not null) console.MarkupLine($"[yellow]warning: {Markup.Escape(info.BlasWarning)}[/]");
    }
}
