using ColorPix.Training;
using Spectre.Console;

namespace ColorPix.Web.Cli;

/// <summary>The live view of `colorpix train`: one progress bar per epoch (losses, images/s, ETA) and a line per epoch.</summary>
public sealed class TrainingProgress(IAnsiConsole console, ProgressContext context) : ITrainingObserver
{
    private ProgressTask? task;

    public void EpochStarted(int epoch, int epochs, int batches) =>
        task = context.AddTask($"epoch {epoch}/{epochs}", maxValue: batches);

    public void BatchDone(int epoch, int batch, int batches, IReadOnlyDictionary<string, double> losses, double imagesPerSecond)
    {
        if (task is null) return;
        task.Value = batch;
        task.Description = $"epoch {epoch} {Format(losses)} [grey]{imagesPerSecond:F1} img/s[/]";
    }

    public void EpochDone(EpochSummary summary)
    {
        task?.StopTask();
        var best = summary.IsBest ? " [green]best[/]" : "";
        console.MarkupLine($"epoch {summary.Epoch}: train {Format(summary.Train)} | val {Format(summary.Validation)} | " +
                           $"{summary.ImagesPerSecond:F1} img/s, {summary.Seconds:F0} s{best}");
    }

    public void Message(string text) => console.MarkupLine($"[grey]{Markup.Escape(text)}[/]");

    private static string Format(IReadOnlyDictionary<string, double> losses) =>
        Markup.Escape(string.Join(" ", losses.OrderBy(p => p.Key).Select(p => $"{p.Key}={p.Value:G4}")));

    /// <summary>Runs the training inside a live progress display with the columns a long run needs.</summary>
    public static T Show<T>(IAnsiConsole console, Func<ITrainingObserver, T> run) =>
        console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
                new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(context => run(new TrainingProgress(console, context)));
}
