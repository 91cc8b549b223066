using System.Runtime.InteropServices;

namespace ColorPix.Core.Engine;

/// <summary>libtorch's errors, as TorchSharp raises them (<see cref="ExternalException"/>), made readable.</summary>
public static class EngineErrors
{
    public static bool IsEngineError(this Exception e) => e is ExternalException;

    /// <summary>What to tell a person: <see cref="Summary"/> for libtorch's errors, the message otherwise.</summary>
    public static string MessageOf(Exception e) => e.IsEngineError() ? Summary(e) : e.Message;

    /// <summary>The message without the C++ backtrace libtorch appends ("Exception raised from ... frame #0 ..."), on one line.</summary>
    public static string Summary(Exception e)
    {
        var message = e.Message;
        var trace = message.IndexOf("Exception raised from", StringComparison.Ordinal);
        if (trace >= 0) message = message[..trace];
        return string.Join(' ', message.Split(['\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }
}
