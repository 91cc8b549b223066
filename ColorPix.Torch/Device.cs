namespace ColorPix.Torch;

public enum DeviceType { CPU = 0, CUDA = 1 }

/// <summary>Where a tensor lives: "cpu", "cuda" or "cuda:1".</summary>
public sealed record Device(DeviceType Type, int Index = -1)
{
    public static readonly Device CPU = new(DeviceType.CPU);
    public static readonly Device CUDA = new(DeviceType.CUDA);

    public static Device Parse(string text)
    {
        var parts = text.Trim().ToLowerInvariant().Split(':');
        var type = parts[0] switch
        {
            "cpu" => DeviceType.CPU,
            "cuda" => DeviceType.CUDA,
            _ => throw new ArgumentException($"unknown device '{text}' (expected cpu, cuda or cuda:N)"),
        };
        if (parts.Length == 1) return new Device(type);
        if (parts.Length == 2 && int.TryParse(parts[1], out var index) && index >= 0) return new Device(type, index);
        throw new ArgumentException($"invalid device '{text}' (expected cpu, cuda or cuda:N)");
    }

    /// <summary>Fails early, with a clear message, when CUDA is asked for on a machine without it.</summary>
    public Device EnsureAvailable()
    {
        if (Type == DeviceType.CUDA && torch.cuda.device_count() <= Math.Max(0, Index))
            throw new TorchException($"device {this} is not available: this libtorch sees {torch.cuda.device_count()} CUDA device(s)");
        return this;
    }

    public override string ToString() => (Type == DeviceType.CPU ? "cpu" : "cuda") + (Index >= 0 ? $":{Index}" : "");
}
