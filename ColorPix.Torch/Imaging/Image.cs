using ColorPix.Torch.Native;

namespace ColorPix.Torch.Imaging;

/// <summary>
/// An 8-bit interleaved image held natively (an OpenCV Mat): RGB from <see cref="Decode"/>, or gray / RGB
/// from <see cref="FromPixels"/>. Owns its native memory: dispose it.
/// </summary>
public sealed unsafe partial class Image : IDisposable
{
    internal readonly ImageHandle Handle;

    public int Width { get; }
    public int Height { get; }
    public int Channels { get; }

    private Image(IntPtr handle)
    {
        Handle = new ImageHandle(NativeMethods.Check(handle));
        int width, height, channels;
        NativeMethods.Check(NativeMethods.cpx_image_info(Handle, &width, &height, &channels));
        (Width, Height, Channels) = (width, height, channels);
    }

    /// <summary>Native images alive in this process: a leak check for tests.</summary>
    public static long LiveCount => NativeMethods.cpx_image_live_count();

    public void Dispose() => Handle.Dispose();

    /// <summary>
    /// Decodes JPEG, PNG, WebP, BMP or TIFF bytes to 8-bit RGB: EXIF orientation applied, gray, palette,
    /// 16-bit and CMYK converted, transparency composited over white.
    /// </summary>
    /// <exception cref="ImageTooLargeException">The header declares more than MaxPixels pixels.</exception>
    /// <exception cref="ImageFormatException">Not an image, or a truncated or corrupt one.</exception>
    public static Image Decode(ReadOnlySpan<byte> bytes, ImageDecodeOptions? options = null)
    {
        var maxPixels = (options ?? ImageDecodeOptions.Default).MaxPixels;
        var info = ImageProbe.Probe(bytes);
        // Refused from the header alone: a 50000x50000 PNG of a few bytes must not reach the decoder.
        if (info.Pixels > maxPixels) throw new ImageTooLargeException(info.Width, info.Height, maxPixels);
        // Decoders fill a missing tail with gray rather than fail, so truncation is caught here.
        if (!ImageCompleteness.IsComplete(bytes, info.Format))
            throw new CorruptImageException($"truncated {info.Format.DisplayName()} image: the file ends before its image data does");
        fixed (byte* data = bytes)
        {
            var handle = NativeMethods.cpx_image_decode(data, bytes.Length, maxPixels, info.HasAlpha ? 1 : 0);
            if (handle == IntPtr.Zero)
                throw new CorruptImageException($"corrupt {info.Format.DisplayName()} image: {NativeMethods.LastError().Message}");
            return new Image(handle);
        }
    }

    /// <summary>Copies interleaved 8-bit pixels (rows top to bottom, RGB order when 3 channels).</summary>
    public static Image FromPixels(ReadOnlySpan<byte> pixels, int width, int height, int channels)
    {
        if (channels is not (1 or 3)) throw new ArgumentOutOfRangeException(nameof(channels), channels, "1 (gray) or 3 (RGB)");
        if (width <= 0 || height <= 0) throw new ArgumentException($"image size must be positive, got {width}x{height}");
        if (pixels.Length != (long)width * height * channels)
            throw new ArgumentException($"{pixels.Length} bytes do not make a {width}x{height}x{channels} image", nameof(pixels));
        fixed (byte* p = pixels) return new Image(NativeMethods.cpx_image_from_pixels(p, width, height, channels));
    }

    /// <summary>The pixels, interleaved, Width * Height * Channels bytes.</summary>
    public byte[] CopyPixels()
    {
        var pixels = new byte[(long)Width * Height * Channels];
        fixed (byte* p = pixels) NativeMethods.Check(NativeMethods.cpx_image_copy_pixels(Handle, p, pixels.Length));
        return pixels;
    }

    /// <summary>PNG (lossless) or JPEG at the given quality (1..100).</summary>
    public byte[] Encode(ImageFormat format = ImageFormat.Png, int quality = 90)
    {
        var code = format switch
        {
            ImageFormat.Png => 0,
            ImageFormat.Jpeg => 1,
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "only PNG and JPEG are written"),
        };
        if (quality is < 1 or > 100) throw new ArgumentOutOfRangeException(nameof(quality), quality, "1..100");
        long length;
        var buffer = (byte*)NativeMethods.Check((IntPtr)NativeMethods.cpx_image_encode(Handle, code, quality, &length));
        try { return new ReadOnlySpan<byte>(buffer, checked((int)length)).ToArray(); }
        finally { NativeMethods.cpx_buffer_free(buffer); }
    }

    /// <summary>A resized copy. By default Area when shrinking (no aliasing), Bicubic when enlarging.</summary>
    public Image Resize(int width, int height, Interpolation? interpolation = null)
    {
        if (width <= 0 || height <= 0) throw new ArgumentException($"resize target must be positive, got {width}x{height}");
        var filter = interpolation ?? (width <= Width && height <= Height ? Interpolation.Area : Interpolation.Bicubic);
        return new Image(NativeMethods.cpx_image_resize(Handle, width, height, (int)filter));
    }

    public override string ToString() => $"Image[{Width}x{Height}x{Channels}]";
}
