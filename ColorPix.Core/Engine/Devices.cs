using TorchSharp;
using static TorchSharp.torch;

namespace ColorPix.Core.Engine;

/// <summary>Devices as users type them ("cpu", "cuda", "cuda:1"), checked early with a clear message.</summary>
public static class Devices
{
    public static Device Parse(string text)
    {
        var parts = text.Trim().ToLowerInvariant().Split(':');
        if (parts[0] is not ("cpu" or "cuda")) throw new ArgumentException($"unknown device '{text}' (expected cpu, cuda or cuda:N)");
        if (parts.Length == 1) return new Device(parts[0]);
        if (parts.Length == 2 && parts[0] == "cuda" && int.TryParse(parts[1], out var index) && index >= 0) return new Device(DeviceType.CUDA, index);
        throw new ArgumentException($"invalid device '{text}' (expected cpu, cuda or cuda:N)");
    }

    /// <summary>Fails early, with a clear message, when CUDA is asked for on a machine or build without it.</summary>
    public static Device EnsureAvailable(this Device device)
    {
        if (device.type != DeviceType.CUDA) return device;
        var count = cuda.is_available() ? cuda.device_count() : 0;
        if (count <= Math.Max(0, device.index))
            throw new ArgumentException($"device {device} is not available: this build sees {count} CUDA device(s) (build with -p:TorchBackend=cuda on a GPU machine)");
        return device;
    }
}
