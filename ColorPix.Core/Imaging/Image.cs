using System.Runtime.InteropServices;
using SkiaSharp;

namespace ColorPix.Core.Imaging;

/// <summary>
/// An 8-bit image in native memory (a Skia bitmap): gray (<see cref="Channels"/> 1) or RGB (Channels 3).
/// It owns its pixels: dispose it.
/// <para>Layout, as <see cref="Row"/> shows it: rows top to bottom, each <see cref="Width"/> x
/// <see cref="BytesPerPixel"/> bytes. Gray is 1 byte per pixel. RGB is 4 bytes per pixel, R, G, B and a padding
/// byte (RGBX): Skia has no 3-byte pixel format, and with this one it resizes and encodes the pixels where they
/// are, instead of needing a second, repacked copy of a 40-megapixel image. This class writes the padding byte as
/// 255; writers may leave it as they like: nothing reads it (<see cref="CopyPixels"/> drops it).</para>
/// <para>Pixel values are sRGB: decoding converts from any embedded ICC profile.</para>
/// </summary>
public sealed partial class Image : IDisposable
{
    private static long liveCount, allocatedBytes;

    private readonly SKBitmap bitmap;
    private readonly long byteCount;
    private int disposed;

    public int Width { get; }
    public int Height { get; }

    /// <summary>1 (gray) or 3 (RGB): the bytes per pixel of <see cref="CopyPixels"/>.</summary>
    public int Channels { get; }

    /// <summary>1 (gray) or 4 (RGBX): the bytes per pixel of <see cref="Row"/>.</summary>
    public int BytesPerPixel => Channels == 1 ? 1 : 4;

    /// <summary>Images constructed and not yet disposed or finalized in this process: a leak check for tests.</summary>
    public static long LiveCount => Interlocked.Read(ref liveCount);

    /// <summary>Pixel bytes ever allocated by images in this process: tests diff it to prove a decode did not
    /// allocate a full-size buffer.</summary>
    internal static long AllocatedBytes => Interlocked.Read(ref allocatedBytes);

    private Image(SKBitmap bitmap, int channels)
    {
        this.bitmap = bitmap;
        (Width, Height, Channels, byteCount) = (bitmap.Width, bitmap.Height, channels, bitmap.ByteCount);
        // No GC.AddMemoryPressure for the native pixels: every image is disposed where it is made, and the pressure of
        // 40-megapixel images forced a full GC every few decodes. Those GCs finalize TorchSharp's temporary Scalars
        // while libtorch still reads them (its P/Invoke wrappers keep no reference), which corrupted a training run.
        Interlocked.Increment(ref liveCount);
        Interlocked.Add(ref allocatedBytes, byteCount);
    }

    /// <summary>An image whose pixels are whatever the allocator left: for code that writes every row.</summary>
    internal static Image CreateUninitialized(int width, int height, int channels)
    {
        if (width <= 0 || height <= 0) throw new ArgumentException($"image size must be positive, got {width}x{height}");
        var bytesPerPixel = channels == 1 ? 1 : 4;
        // Rows are reached through spans, whose length is an int.
        if ((long)width * height * bytesPerPixel > int.MaxValue)
            throw new ImageTooLargeException(width, height, int.MaxValue / bytesPerPixel);
        // RGBA rather than Skia's RGB_888x, whose resampling is 4 to 6 times slower; the A byte is the padding.
        var info = new SKImageInfo(width, height, channels == 1 ? SKColorType.Gray8 : SKColorType.Rgba8888, SKAlphaType.Opaque);
        var bitmap = new SKBitmap();
        if (bitmap.TryAllocPixels(info) && bitmap.RowBytes == width * bytesPerPixel) return new Image(bitmap, channels);
        bitmap.Dispose();
        throw new OutOfMemoryException($"cannot allocate a {width}x{height} image");
    }

    /// <summary>A black image to fill row by row through <see cref="WritableRow"/>, then encode.</summary>
    public static Image Allocate(int width, int height, int channels = 3)
    {
        CheckChannels(channels);
        var image = CreateUninitialized(width, height, channels);
        image.bitmap.Erase(SKColors.Black); // RGBX 0, 0, 0, 255
        return image;
    }

    /// <summary>Copies interleaved 8-bit pixels: rows top to bottom, <paramref name="channels"/> bytes per pixel
    /// (1 gray, 3 RGB), no padding.</summary>
    public static Image FromPixels(ReadOnlySpan<byte> pixels, int width, int height, int channels)
    {
        CheckChannels(channels);
        if (width <= 0 || height <= 0) throw new ArgumentException($"image size must be positive, got {width}x{height}");
        if (pixels.Length != (long)width * height * channels)
            throw new ArgumentException($"{pixels.Length} bytes do not make a {width}x{height}x{channels} image", nameof(pixels));
        var image = CreateUninitialized(width, height, channels);
        var rowLength = width * channels;
        for (var y = 0; y < height; y++)
            PixelRows.Unpack(pixels.Slice(y * rowLength, rowLength), image.WritableRow(y), channels);
        return image;
    }

    /// <summary>Row <paramref name="y"/>: <see cref="Width"/> x <see cref="BytesPerPixel"/> bytes (see the class
    /// summary for the layout). A view of the image's memory: do not keep it past <see cref="Dispose"/>.</summary>
    public ReadOnlySpan<byte> Row(int y) => WritableRow(y);

    /// <summary>Row <paramref name="y"/>, to write into; same layout as <see cref="Row"/>.</summary>
    public Span<byte> WritableRow(int y)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(y);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(y, Height);
        return Pixels.Slice(y * RowLength, RowLength);
    }

    /// <summary>An RGBX row as one 4-byte unit per pixel.</summary>
    internal ReadOnlySpan<uint> Row32(int y) => MemoryMarshal.Cast<byte, uint>(Row(y));

    private int RowLength => Width * BytesPerPixel;

    /// <summary>All rows, back to back: the bitmap is allocated without row padding.</summary>
    internal Span<byte> Pixels
    {
        get
        {
            ObjectDisposedException.ThrowIf(disposed != 0, this);
            return bitmap.GetPixelSpan();
        }
    }

    /// <summary>The pixels as 4-byte units, for moves that treat an RGBX pixel as one value.</summary>
    internal Span<uint> Pixels32 => MemoryMarshal.Cast<byte, uint>(Pixels);

    /// <summary>Where the pixels start, for decoders that write into them.</summary>
    internal IntPtr Address
    {
        get
        {
            ObjectDisposedException.ThrowIf(disposed != 0, this);
            return bitmap.GetPixels();
        }
    }

    internal int RowBytes => bitmap.RowBytes;

    /// <summary>A Skia view of the pixels, valid while this image is.</summary>
    internal SKPixmap PeekPixmap()
    {
        ObjectDisposedException.ThrowIf(disposed != 0, this);
        return bitmap.PeekPixels();
    }

    /// <summary>The pixels, interleaved without padding: Width * Height * Channels bytes.</summary>
    public byte[] CopyPixels()
    {
        var pixels = new byte[(long)Width * Height * Channels];
        var rowLength = Width * Channels;
        for (var y = 0; y < Height; y++)
            PixelRows.Pack(Row(y), pixels.AsSpan(y * rowLength, rowLength), Channels);
        return pixels;
    }

    public void Dispose()
    {
        Release();
        bitmap.Dispose();
        GC.SuppressFinalize(this);
    }

    // The bitmap frees its own memory when finalized; this keeps the counters true for an image nobody disposed.
    ~Image() => Release();

    private void Release()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0) return;
        Interlocked.Decrement(ref liveCount);
    }

    private static void CheckChannels(int channels)
    {
        if (channels is not (1 or 3)) throw new ArgumentOutOfRangeException(nameof(channels), channels, "1 (gray) or 3 (RGB)");
    }

    public override string ToString() => $"Image[{Width}x{Height}x{Channels}]";
}
