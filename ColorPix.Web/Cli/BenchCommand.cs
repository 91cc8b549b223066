using System.CommandLine;
using System.Text.Json;
using TorchSharp;
using static TorchSharp.torch;
using ColorPix.Training.Benchmarks;
using Spectre.Console;

namespace ColorPix.Web.Cli;

/// <summary>`colorpix bench engine|train|serve`: ColorPix against the identical PyTorch networks on the same libtorch,
/// alternating rounds so that load on a shared machine falls on both sides.</summary>
public static class BenchCommand
{
    private static readonly Option<bool> Json = new("--json") { Description = "Print the figures as JSON", Recursive = true };
    private static readonly Option<int?> Runs = new("--runs") { Description = "Timed runs per figure (median reported)", Recursive = true };
    private static readonly Option<int?> Warmup = new("--warmup") { Description = "Untimed runs first", Recursive = true };
    private static readonly Option<int?> Rounds = new("--rounds") { Description = "Alternating ColorPix/PyTorch rounds (median reported)", Recursive = true };
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create()
    {
        var bench = new Command("bench", "Benchmarks: ColorPix vs the same networks in PyTorch (python3-torch)") { Json, Runs, Warmup, Rounds };

        var engine = Comparison("engine", "Course AutoEncoder: one Adam step at 128 px batch 16, inference at 256 and 512 px",
            timing =>
            {
                var o = new EngineBenchmarkOptions(torch.get_num_threads());
                return o with { Runs = timing.Runs ?? o.Runs, Warmup = timing.Warmup ?? o.Warmup, Rounds = timing.Rounds ?? o.Rounds };
            },
            EngineBenchmark.Run,
            (console, result) =>
            {
                var table = Table($"engine: course AutoEncoder, {result.Parameters:N0} parameters, {result.Threads} threads", "ms");
                foreach (var f in result.Figures) table.AddRow(f.Name, $"{f.ColorPixMs:F1}", Value(f.PyTorchMs, "F1"), Value(f.Ratio, "F3"));
                console.Write(table);
                Note(console, result.PyTorchNote, "ratio = ColorPix time / PyTorch time: below 1 is faster");
            });

        var train = Comparison("train", "Training images/s of both models at 128 px, batch 16",
            timing =>
            {
                var o = new TrainBenchmarkOptions(torch.get_num_threads());
                return o with { Runs = timing.Runs ?? o.Runs, Warmup = timing.Warmup ?? o.Warmup, Rounds = timing.Rounds ?? o.Rounds };
            },
            TrainBenchmark.Run,
            (console, result) =>
            {
                var table = Table($"training at {result.Size} px, batch {result.Batch}, {result.Threads} threads", "images/s");
                foreach (var f in result.Figures) table.AddRow(f.Model, $"{f.ColorPixImagesPerSecond:F2}", Value(f.PyTorchImagesPerSecond, "F2"), Value(f.Ratio, "F3"));
                console.Write(table);
                Note(console, result.PyTorchNote, "ratio = ColorPix images/s / PyTorch images/s: above 1 is faster");
            });

        bench.Subcommands.Add(engine);
        bench.Subcommands.Add(train);
        bench.Subcommands.Add(ServeBenchCommand.Create(Progress, Print));
        bench.Subcommands.Add(MemoryBenchCommand.Create(Progress, Print));
        bench.Subcommands.Add(AlbumBenchCommand.Create(Progress, Print));
        return bench;
    }

    private sealed record Timing(int? Runs, int? Warmup, int? Rounds);

    /// <summary>A ColorPix-vs-PyTorch subcommand: timing options in, figures out as a table or JSON.</summary>
    private static Command Comparison<TOptions, TResult>(string name, string description, Func<Timing, TOptions> options,
        Func<TOptions, Action<string>?, TResult> run, Action<IAnsiConsole, TResult> render)
    {
        var command = new Command(name, description);
        command.SetAction(parsed =>
        {
            var timing = new Timing(parsed.GetValue(Runs), parsed.GetValue(Warmup), parsed.GetValue(Rounds));
            if (timing.Runs < 1 || timing.Warmup < 0 || timing.Rounds < 1)
                throw new ArgumentException("--runs and --rounds must be at least 1, --warmup at least 0");
            var result = run(options(timing), Progress(parsed));
            Print(parsed, result, console => render(console, result));
            return 0;
        });
        return command;
    }

    internal static Action<string> Progress(ParseResult parsed)
    {
        var console = CliApp.ConsoleFor(parsed.InvocationConfiguration.Error);
        var quiet = parsed.GetValue(Json);
        return stage => { if (!quiet) console.MarkupLine($"[grey]measuring {Markup.Escape(stage)}...[/]"); };
    }

    internal static void Print<T>(ParseResult parsed, T result, Action<IAnsiConsole> render)
    {
        var output = parsed.InvocationConfiguration.Output;
        if (parsed.GetValue(Json)) output.WriteLine(JsonSerializer.Serialize(result, JsonOptions));
        else render(CliApp.ConsoleFor(output));
    }

    private static Table Table(string title, string unit) => new Table().Title(title)
        .AddColumn("figure").AddColumn(new TableColumn($"ColorPix {unit}").RightAligned())
        .AddColumn(new TableColumn($"PyTorch {unit}").RightAligned()).AddColumn(new TableColumn("ratio").RightAligned());

    private static string Value(double? value, string format) => value is { } v ? v.ToString(format) : "-";

    private static void Note(IAnsiConsole console, string? pytorchNote, string legend)
    {
        console.MarkupLine($"[grey]{Markup.Escape(legend)}[/]");
        if (pytorchNote is not null) console.MarkupLine($"[yellow]{Markup.Escape(pytorchNote)}[/]");
    }
}
