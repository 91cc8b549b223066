namespace ColorPix.Fuzz;

/// <summary>An input on which a target failed other than by refusing it.</summary>
public sealed record Finding(string File, Exception Exception)
{
    public override string ToString() => $"{Path.GetFileName(File)}: {Exception.GetType().FullName}: {Exception.Message}";
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
    public static IReadOnlyList<Finding> Folder(IFuzzTarget target, string folder) =>
        Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal)
            .Select(file => Check(target, File.ReadAllBytes(file)) is { } e ? new Finding(file, e) : null)
            .OfType<Finding>().ToList();
}
