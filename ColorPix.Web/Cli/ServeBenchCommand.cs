using System.CommandLine;
using ColorPix.Web.Benchmarks;
using Spectre.Console;

namespace ColorPix.Web.Cli;

/// <summary>`colorpix bench serve`: the HTTP service under 1, 4 and 16 concurrent clients, micro-batching on and off.</summary>
public static class ServeBenchCommand
{
    private static readonly Option<int?> Requests = new("--requests") { Description = "Upload + colorize requests per client per stage" };
    private static readonly Option<int?> StageSeconds = new("--stage-seconds") { Description = "No new request starts after this long in a stage" };

    public static Command Create(Func<ParseResult, Action<string>> progress, Action<ParseResult, ServeBenchmarkResult, Action<IAnsiConsole>> print)
    {
        var serve = new Command("serve", "The service on 127.0.0.1: upload + colorize of a 256x256 photo by 1, 4 and 16 clients, micro-batching on and off")
        {
            Requests, StageSeconds,
        };
        serve.SetAction(async (parsed, cancellation) =>
        {
            var o = new ServeBenchmarkOptions();
            o = o with
            {
                RequestsPerClient = parsed.GetValue(Requests) ?? o.RequestsPerClient,
                StageTimeLimit = parsed.GetValue(StageSeconds) is { } seconds ? TimeSpan.FromSeconds(seconds) : o.StageTimeLimit,
            };
            if (o.RequestsPerClient < 1 || o.StageTimeLimit <= TimeSpan.Zero) throw new ArgumentException("--requests and --stage-seconds must be at least 1");
            var result = await ServeBenchmark.RunAsync(o, progress(parsed), cancellation);
            print(parsed, result, console => Render(console, result));
            return 0;
        });
        return serve;
    }

    private static void Render(IAnsiConsole console, ServeBenchmarkResult result)
    {
        var table = new Table().Title($"serve: upload + colorize (both models), {result.Threads} torch threads")
            .AddColumn("batching").AddColumn(new TableColumn("clients").RightAligned()).AddColumn(new TableColumn("requests").RightAligned())
            .AddColumn(new TableColumn("failed").RightAligned()).AddColumn(new TableColumn("requests/s").RightAligned())
            .AddColumn(new TableColumn("p50 ms").RightAligned()).AddColumn(new TableColumn("p95 ms").RightAligned());
        foreach (var f in result.Figures)
            table.AddRow(f.Batching, $"{f.Clients}", $"{f.Requests}", $"{f.Failed}", $"{f.RequestsPerSecond:F2}", $"{f.P50Ms:F0}", $"{f.P95Ms:F0}");
        console.Write(table);
        console.MarkupLine($"[grey]models: {Markup.Escape(result.Models)}; photo: {Markup.Escape(result.Photo)}; " +
                           $"batching on = MaxBatch {BatchingMode.On.MaxBatch}, MaxDelayMs {BatchingMode.On.MaxDelayMs}; off = MaxBatch 1, MaxDelayMs 0[/]");
    }
}
