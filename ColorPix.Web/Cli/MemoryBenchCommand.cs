using System.CommandLine;
using System.Runtime.InteropServices;
using ColorPix.Core.Inference;
using ColorPix.Web.Benchmarks;
using Spectre.Console;

namespace ColorPix.Web.Cli;

/// <summary>`colorpix bench memory`: peak RSS and time of 10 and 40 MP colorizations (CLI), of concurrent 40 MP requests
/// and of a long run of 1 MP requests (serve), as the OS measures child processes.</summary>
public static class MemoryBenchCommand
{
    private static readonly Option<int?> Concurrent = new("--concurrent") { Description = "Clients uploading and colorizing the 40 MP photo at once (default 8)" };
    private static readonly Option<int?> Requests = new("--requests") { Description = "Consecutive 1 MP upload + colorize requests of the steady run (default 500)" };
    private static readonly Option<int?> SampleEvery = new("--sample-every") { Description = "Read the server's RSS after every N of them (default 50)" };
    private static readonly Option<int?> BudgetMB = new("--budget-mb") { Description = "The server's Inference:MemoryBudgetMB (default: the service's)" };
    private static readonly Option<string?> Only = new("--only") { Description = "cli or serve: run one half only" };

    public static Command Create(Func<ParseResult, Action<string>> progress, Action<ParseResult, MemoryBenchmarkResult, Action<IAnsiConsole>> print)
    {
        var memory = new Command("memory", "Peak RSS (from the OS) and time: colorize of 10 and 40 MP photos with both models, 8 concurrent 40 MP " +
                                           "requests to serve, RSS over 500 consecutive 1 MP requests; checked against the targets")
        {
            Concurrent, Requests, SampleEvery, BudgetMB, Only,
        };
        memory.SetAction(async (parsed, cancellation) =>
        {
            var options = Options(parsed);
            // CliApp invokes verbs synchronously, and then System.CommandLine turns no signal into this token: Ctrl-C or
            // SIGTERM would end this process at once, leaving a server child listening and the temporary photos behind.
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            void Stop(PosixSignalContext context)
            {
                context.Cancel = true;
                stop.Cancel();
            }
            using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
            using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
            try
            {
                var result = await MemoryBenchmark.RunAsync(options, progress(parsed), stop.Token);
                print(parsed, result, console => Render(console, result));
                return 0;
            }
            catch (Exception) when (stop.IsCancellationRequested)
            {
                parsed.InvocationConfiguration.Error.WriteLine("colorpix: bench memory interrupted: its child processes are stopped and its temporary files deleted");
                return 130;
            }
        });
        return memory;
    }

    internal static MemoryBenchmarkOptions Options(ParseResult parsed)
    {
        var o = new MemoryBenchmarkOptions();
        var only = parsed.GetValue(Only)?.Trim().ToLowerInvariant();
        o = o with
        {
            Concurrent = parsed.GetValue(Concurrent) ?? o.Concurrent,
            Requests = parsed.GetValue(Requests) ?? o.Requests,
            SampleEvery = parsed.GetValue(SampleEvery) ?? o.SampleEvery,
            MemoryBudgetMB = parsed.GetValue(BudgetMB) ?? o.MemoryBudgetMB,
            RunCli = only is null or "cli",
            RunServe = only is null or "serve",
        };
        if (only is not (null or "cli" or "serve")) throw new ArgumentException($"--only must be cli or serve, not '{parsed.GetValue(Only)}'");
        if (o.Concurrent < 1) throw new ArgumentException($"--concurrent must be at least 1, not {o.Concurrent}");
        if (o.SampleEvery < 1 || o.Requests < 2 * o.SampleEvery)
            throw new ArgumentException($"--sample-every must be at least 1 and --requests at least twice it (two RSS samples to compare), not {o.SampleEvery} and {o.Requests}");
        // The service's own rule for its budget, so the bench refuses what the server would refuse at start.
        if (o.MemoryBudgetMB is { } mb && new InferenceOptions { MemoryBudgetMB = mb }.Problems() is [var problem, ..])
            throw new ArgumentException($"--budget-mb: {problem}");
        return o;
    }

    private static void Render(IAnsiConsole console, MemoryBenchmarkResult result)
    {
        console.MarkupLine($"[grey]photos: {Markup.Escape(result.Photos)}: " +
                           string.Join(", ", result.PhotoSizes.Select(p => $"{p.Name} {p.Width}x{p.Height} ({p.JpegMB:F1} MB)")) +
                           $"; {result.Threads} torch threads[/]");
        if (result.Cli is { } cli)
        {
            var table = new Table().Title("CLI: colorize --model both, one process per photo, /usr/bin/time -v")
                .AddColumn("photo").AddColumn(new TableColumn("pixels").RightAligned()).AddColumn(new TableColumn("wall s").RightAligned())
                .AddColumn(new TableColumn("max RSS MB").RightAligned()).AddColumn(new TableColumn("above idle MB").RightAligned());
            foreach (var r in cli.Runs) table.AddRow(r.Photo, $"{r.Width}x{r.Height}", $"{r.WallSeconds:F2}", $"{r.MaxRssMB:F0}", $"{r.AboveIdleMB:F0}");
            console.Write(table);
            console.MarkupLine($"[grey]{Markup.Escape(cli.Command)}; 40 MP / 10 MP time: {cli.TimeRatio:F2}x, {cli.WorkTimeRatio:F2}x without the idle run's time[/]");
        }
        if (result.Serve is { } serve)
        {
            var c = serve.Concurrent;
            var requests = new Table().Title($"serve: {c.Clients} concurrent 40 MP upload + colorize, {c.Seconds:F0} s")
                .AddColumn(new TableColumn("client").RightAligned()).AddColumn("ended at").AddColumn(new TableColumn("status").RightAligned())
                .AddColumn("Retry-After").AddColumn(new TableColumn("s").RightAligned());
            foreach (var r in c.Requests) requests.AddRow($"{r.Client}", r.Step, r.Status == 0 ? "no answer" : $"{r.Status}", r.RetryAfter ?? "-", $"{r.Seconds:F1}");
            console.Write(requests);
            console.MarkupLine($"[grey]server RSS idle {c.IdleRssMB:F0} MB, peak (VmHWM{(c.PeakReset ? "" : ", of its whole life")}) {c.PeakRssMB:F0} MB, " +
                               $"{c.PeakAboveIdleMB:F0} MB above idle; budget {c.BudgetMB} MB; {(c.Alive ? "alive" : "DEAD")} afterwards[/]");

            var s = serve.Steady;
            var samples = new Table().Title($"serve: {s.Requests} consecutive 1 MP upload + colorize, {s.Seconds:F0} s, {s.Failed} failed")
                .AddColumn(new TableColumn("requests").RightAligned()).AddColumn(new TableColumn("VmRSS MB").RightAligned());
            foreach (var sample in s.Samples) samples.AddRow($"{sample.Requests}", $"{sample.RssMB:F0}");
            console.Write(samples);
            console.MarkupLine($"[grey]first {s.FirstMB:F0} MB, last {s.LastMB:F0} MB, max {s.MaxMB:F0} MB, growth {s.GrowthMB:+0;-0} MB[/]");
            console.MarkupLine($"[grey]{Markup.Escape(serve.Command)}[/]");
        }
        var targets = new Table().Title("targets").AddColumn("target").AddColumn("measured").AddColumn("met");
        foreach (var t in result.Targets) targets.AddRow(Markup.Escape(t.Target), Markup.Escape(t.Measured), t.Met ? "[green]yes[/]" : "[red]NO[/]");
        console.Write(targets);
    }
}
