using System.CommandLine;
using ColorPix.Core.Engine;
using TorchSharp;
using Spectre.Console;

namespace ColorPix.Web.Cli;

/// <summary>The `colorpix` command line: verbs, the global options, and the one place that turns
/// an unexpected failure into a short message and exit code 1.</summary>
public static class CliApp
{
    /// <summary>Runs one command line against the given writers, so tests need no child process.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var root = BuildRootCommand();
        try
        {
            var parsed = root.Parse(args);
            // Before the verb, not inside it: every verb (and the server) gets the same thread count.
            // libtorch alone starts with one OpenMP thread here whatever the core count: use every core by default.
            if (parsed.Errors.Count == 0)
                torch.set_num_threads(parsed.GetResult(GlobalOptions.Threads) is not null
                    ? parsed.GetValue(GlobalOptions.Threads)
                    : Environment.ProcessorCount);
            var config = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
            return parsed.Invoke(config);
        }
        catch (Exception ex)
        {
            ReportFailure(ex, error);
            return 1;
        }
    }

    public static RootCommand BuildRootCommand()
    {
        var root = new RootCommand("ColorPix: turns black-and-white photos into color.");
        root.Options.Add(GlobalOptions.Threads);
        root.Subcommands.Add(InfoCommand.Create());
        root.Subcommands.Add(DataCommand.Create());
        root.Subcommands.Add(TrainCommand.Create());
        root.Subcommands.Add(EvalCommand.Create());
        root.Subcommands.Add(ColorizeCommand.Create());
        root.Subcommands.Add(ShipCommand.Create());
        root.Subcommands.Add(ModelsCommand.Create());
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(OpenApiCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        return root;
    }

    /// <summary>A console over a writer: colors on a terminal, plain text in a log or a test.</summary>
    public static IAnsiConsole ConsoleFor(TextWriter writer)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer) });
        // Off a terminal Spectre assumes 80 columns and folds lines mid-path: a log or a pipe gets whole lines.
        if (writer != Console.Out || Console.IsOutputRedirected) console.Profile.Width = Math.Max(console.Profile.Width, 160);
        return console;
    }

    internal static void ReportFailure(Exception ex, TextWriter error)
    {
        var kind = ex.IsEngineError() ? "engine error" : "error";
        var message = ex is DllNotFoundException || ex is TypeInitializationException { InnerException: DllNotFoundException or NotSupportedException }
            ? "the native engine (libtorch under TorchSharp) could not be loaded; run ./colorpix.sh run to set up and build"
            : EngineErrors.MessageOf(ex).ReplaceLineEndings(" ");
        // Written by hand, not through Spectre: Spectre wraps at 80 columns, and this must stay one line.
        var colored = error == Console.Error && !Console.IsErrorRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null;
        var line = $"colorpix: {kind}: {message}";
        error.WriteLine(colored ? $"\u001b[31m{line}\u001b[0m" : line);
        // The stack trace helps us, not users: only on request.
        if (Environment.GetEnvironmentVariable("COLORPIX_DEBUG") == "1")
            error.WriteLine(ex.ToString());
    }
}
