namespace ColorPix.Core.Imaging;

/// <summary>Limits and choices applied when decoding untrusted bytes.</summary>
public sealed record ImageDecodeOptions
{
    public static readonly ImageDecodeOptions Default = new();

    /// <summary>Largest width x height accepted, checked from the header before decoding. It applies to the
    /// stored size, even when <see cref="MinSide"/> lets the image be decoded smaller.</summary>
    public long MaxPixels { get; init; } = 40_000_000;

    /// <summary>
    /// The caller only needs an image whose shorter side is at least this many pixels: the image may then be
    /// decoded smaller, by 1/2, 1/4 or 1/8 (the largest of these that keeps the shorter side at or above MinSide),
    /// with its aspect ratio kept. JPEG and WebP shrink inside the decoder, so the full-size pixels never exist;
    /// other formats are decoded at full size and shrunk by area averaging. Null (the default) decodes at full size.
    /// </summary>
    public int? MinSide { get; init; }

    /// <summary>
    /// Gray sources without transparency (1-component JPEG, gray PNG, 8/16-bit gray TIFF) decode to a
    /// 1-channel image, a quarter of the memory of RGB. Off by default: callers get RGB whatever the file,
    /// as most of the pipeline expects interleaved RGB.
    /// </summary>
    public bool KeepGray { get; init; }
}
