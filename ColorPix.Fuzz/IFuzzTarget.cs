namespace ColorPix.Fuzz;

/// <summary>
/// One entry point that reads untrusted bytes. Adding a target is one class listed in <see cref="FuzzTargets.All"/>
/// and a seed folder corpus/NAME/; AFL++ (scripts/fuzz.sh) and the replay test pick both up by name.
/// </summary>
public interface IFuzzTarget
{
    /// <summary>The command-line name, and the name of its corpus folder.</summary>
    string Name { get; }

    /// <summary>Feeds one input to the entry point. Throwing is how bad input is refused; see <see cref="IsRefusal"/>.</summary>
    void Run(ReadOnlySpan<byte> input);

    /// <summary>Whether the exception is the entry point's own typed refusal of bad input (what becomes a 4XX answer),
    /// rather than a bug: any other exception, a crash or a hang is a finding.</summary>
    bool IsRefusal(Exception exception);
}
