using ColorPix.Core.Checkpoints;

namespace ColorPix.Fuzz.Targets;

/// <summary>The checkpoint reader: an admin registers a .safetensors file (POST /models/register) and the server parses
/// its JSON header and copies its tensors. A bad file must be refused as InvalidDataException (422).</summary>
public sealed class SafeTensorsTarget : IFuzzTarget
{
    public string Name => "safetensors";

    public void Run(ReadOnlySpan<byte> input)
    {
        using var file = SafeTensors.Read(input);
    }

    public bool IsRefusal(Exception exception) => exception is InvalidDataException;
}
