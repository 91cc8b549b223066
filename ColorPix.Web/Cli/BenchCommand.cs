using System.CommandLine;
using System.Text.Json;
using ColorPix.Training.Benchmarks;
using Spectre.Console;

namespace ColorPix.Web.Cli;

/// <summary>`colorpix bench engine`: ColorPix against the identical PyTorch model on the same libtorch.</summary>
public static class BenchCommand
{
    private static readonly Option<bool> Json = new("--json") { Description = "Print the figures as JSON" };
    private static readonly Option<int> Runs = new("--runs") { Description = "Timed runs per figure (median reported)", DefaultValueFactory = _ => 10 };
    private static readonly Option<int> Warmup = new("--warmup") { Description = "Untimed runs first", DefaultValueFactory = _ => 3 };
    private static readonly Option<int> Rounds = new("--rounds") { Description = "Alternating ColorPix/PyTorch rounds (median reported)", DefaultValueFactory = _ => 3 };

    public static Command Create()
    {
        var bench = new Command("bench", "Benchmarks (figures for the README and the issues)");
        var engine = new Command("engine", "Course AutoEncoder: one Adam step at 128 px batch 16, inference at 256 and 512 px; vs PyTorch");
        engine.Options.Add(Json);
        engine.Options.Add(Runs);
        engine.Options.Add(Warmup);
        engine.Options.Add(Rounds);
        engine.SetAction(parsed =>
        {
            var (runs, warmup, rounds) = (parsed.GetValue(Runs), parsed.GetValue(Warmup), parsed.GetValue(Rounds));
            if (runs < 1 || warmup < 0 || rounds < 1) throw new ArgumentException("--runs and --rounds must be at least 1, --warmup at least 0");
            var output = parsed.InvocationConfiguration.Output;
            var json = parsed.GetValue(Json);
            var console = CliApp.ConsoleFor(parsed.InvocationConfiguration.Error);
            var result = EngineBenchmark.Run(new EngineBenchmarkOptions(ColorPix.Torch.torch.get_num_threads(), warmup, runs, rounds),
                stage => { if (!json) console.MarkupLine($"[grey]measuring {Markup.Escape(stage)}...[/]"); });
            if (json) output.WriteLine(JsonSerializer.Serialize(result, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }));
            else Render(result, CliApp.ConsoleFor(output));
            return 0;
        });
        bench.Subcommands.Add(engine);
        return bench;
    }

    private static void Render(EngineBenchmarkResult result, IAnsiConsole console)
    {
        var table = new Table().Title($"engine: course AutoEncoder, {result.Parameters:N0} parameters, {result.Threads} threads")
            .AddColumn("figure").AddColumn(new TableColumn("ColorPix ms").RightAligned())
            .AddColumn(new TableColumn("PyTorch ms").RightAligned()).AddColumn(new TableColumn("ColorPix / PyTorch").RightAligned());
        foreach (var f in result.Figures)
            table.AddRow(f.Name, $"{f.ColorPixMs:F1}", f.PyTorchMs is { } p ? $"{p:F1}" : "-", f.Ratio is { } r ? $"{r:F3}" : "-");
        console.Write(table);
        if (result.PyTorchNote is not null) console.MarkupLine($"[yellow]{Markup.Escape(result.PyTorchNote)}[/]");
    }
}
