namespace ColorPix.Torch.Imaging;

/// <summary>Limits applied when decoding untrusted bytes.</summary>
public sealed record ImageDecodeOptions
{
    public static readonly ImageDecodeOptions Default = new();

    /// <summary>Largest width x height accepted, checked from the header before decoding.</summary>
    public long MaxPixels { get; init; } = 40_000_000;
}
