using System.Diagnostics;

namespace ColorPix.Fuzz;

/// <summary>One input run through a target: how long it took, and the exception that makes it a finding, if any.</summary>
public sealed record Outcome(string File, TimeSpan Elapsed, Exception? Failure)
{
    public override string ToString() =>
        $"{Path.GetFileName(File)}: " + (Failure is null ? $"{Elapsed.TotalMilliseconds:F0} ms" : $"{Failure.GetType().FullName}: {Failure.Message}");
}

/// <summary>Runs inputs through a target in this process, uninstrumented: the corpus check of CI, and the way a crash
/// AFL found is read back with its stack trace.</summary>
public static class Replay
{
    /// <summary>The exception that makes this input a finding, or null when the target accepted or refused it.</summary>
    public static Exception? Check(IFuzzTarget target, ReadOnlySpan<byte> input)
    {
        try
        {
            target.Run(input);
            return null;
        }
        catch (Exception e) when (target.IsRefusal(e))
        {
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }

    /// <summary>Every file of the folder (not its subfolders), in name order.</summary>
    public static IReadOnlyList<Outcome> Folder(IFuzzTarget target, string folder) =>
        Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal).Select(file =>
        {
            var bytes = File.ReadAllBytes(file);
            var clock = Stopwatch.StartNew();
            var failure = Check(target, bytes);
            return new Outcome(file, clock.Elapsed, failure);
        }).ToList();

    public static IReadOnlyList<Outcome> Findings(this IEnumerable<Outcome> outcomes) => outcomes.Where(o => o.Failure is not null).ToList();
}
