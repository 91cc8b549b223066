using ColorPix.Core.Imaging;

namespace ColorPix.Fuzz.Targets;

/// <summary>The header sniffing uploads go through before anything is decoded: pure C#, so AFL sees all of it.</summary>
public sealed class ProbeTarget : IFuzzTarget
{
    public string Name => "probe";

    public void Run(ReadOnlySpan<byte> input) => ImageProbe.Probe(input);

    public bool IsRefusal(Exception exception) => exception is ImageFormatException;
}
