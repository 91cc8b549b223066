using System.Globalization;
using System.Runtime.InteropServices;
using BitMiracle.LibTiff.Classic;
using SkiaSharp;

namespace ColorPix.Core.Imaging;

/// <summary>
/// Decodes the first page of a TIFF with LibTiff.NET: Skia has no TIFF codec. 8- and 16-bit gray and RGB, with
/// or without alpha, either byte order, are read one scanline at a time straight into the image. Anything else
/// libtiff can convert (palette, bilevel, CMYK, YCbCr, tiles, separate planes) goes through its RGBA interface a
/// strip or a tile at a time. The TIFF Orientation tag is not applied.
/// </summary>
internal static class TiffDecoder
{
    static TiffDecoder() => Tiff.SetErrorHandler(new QuietErrorHandler());

    public static Image Decode(ReadOnlySpan<byte> bytes, ImageDecodeOptions options)
    {
        using var data = SKData.CreateCopy(bytes);
        using var stream = data.AsStream();
        QuietErrorHandler.LastError = null;
        try
        {
            using var tiff = Tiff.ClientOpen("upload", "r", stream, new TiffStream()) ?? throw Corrupt("its header cannot be read");
            var layout = TiffLayout.Read(tiff);
            if ((long)layout.Width * layout.Height > options.MaxPixels)
                throw new ImageTooLargeException(layout.Width, layout.Height, options.MaxPixels);
            var image = layout.ReadsByScanline ? ReadScanlines(tiff, layout, options.KeepGray) : ReadRgba(tiff, layout, options.MaxPixels, bytes.Length);
            try
            {
                if (layout.IccProfile is { } profile) ColorProfiles.ConvertToSrgb(image, profile);
                return image;
            }
            catch
            {
                image.Dispose();
                throw;
            }
        }
        catch (Exception e) when (e is not (ImageFormatException or OutOfMemoryException))
        {
            // LibTiff.NET is a port of C code: on malformed input it can fail with any exception.
            throw Corrupt(e.Message);
        }
    }

    private static Image ReadScanlines(Tiff tiff, TiffLayout layout, bool keepGray)
    {
        var channels = keepGray && layout.IsGray && !layout.HasAlpha ? 1 : 3;
        var scanline = new byte[tiff.ScanlineSize()];
        if (scanline.Length != layout.Width * layout.SamplesPerPixel * layout.BitsPerSample / 8)
            throw Corrupt($"scanline of {scanline.Length} bytes for {layout.Width} pixels");
        var narrowed = new byte[layout.Width * layout.SamplesPerPixel];
        var image = Image.CreateUninitialized(layout.Width, layout.Height, channels);
        try
        {
            for (var y = 0; y < layout.Height; y++)
            {
                if (!tiff.ReadScanline(scanline, y)) throw Corrupt(QuietErrorHandler.LastError ?? $"row {y} cannot be read");
                layout.ConvertScanline(scanline, narrowed, image.WritableRow(y), channels);
            }
            return image;
        }
        catch
        {
            image.Dispose();
            throw;
        }
    }

    /// <summary>libtiff's RGBA interface: premultiplied RGBA (an int per pixel, R in the low byte, so RGBA bytes on
    /// a little-endian machine), each strip or tile bottom row first.</summary>
    /// <param name="maxPixels">The pixel cap, which bounds the block buffer too: a tile's size is the file's word, not the image's.</param>
    /// <param name="fileBytes">The file's length, which bounds the number of blocks: each is decoded in turn, and each needs data.</param>
    private static Image ReadRgba(Tiff tiff, TiffLayout layout, long maxPixels, long fileBytes)
    {
        if (!tiff.RGBAImageOK(out var reason)) throw new UnsupportedImageException($"unsupported TIFF image: {reason}");
        var (width, height) = (layout.Width, layout.Height);
        var (blockWidth, blockHeight) = tiff.IsTiled()
            ? (TiffLayout.Field(tiff, TiffTag.TILEWIDTH), TiffLayout.Field(tiff, TiffTag.TILELENGTH))
            : (width, Math.Min(TiffLayout.Field(tiff, TiffTag.ROWSPERSTRIP), height));
        // The decode target found a 138-byte file declaring 65284x18761 tiles for a 65284x16 image: 4.9 GB for one tile.
        if (blockWidth <= 0 || blockHeight <= 0 || (long)blockWidth * blockHeight > maxPixels)
            throw Corrupt($"blocks of {blockWidth}x{blockHeight} pixels for a {width}x{height} image");
        // A decode-tiff input of 504 bytes made 57,096 tiles of one column, each decoded in turn: 20 s.
        var blocks = (width + blockWidth - 1L) / blockWidth * ((height + blockHeight - 1L) / blockHeight);
        if (blocks > fileBytes) throw Corrupt($"{blocks} blocks of {blockWidth}x{blockHeight} pixels in a {fileBytes}-byte file");
        var block = new int[checked(blockWidth * blockHeight)];
        var image = Image.CreateUninitialized(width, height, 3);
        try
        {
            for (var top = 0; top < height; top += blockHeight)
                for (var left = 0; left < width; left += blockWidth)
                {
                    var read = tiff.IsTiled() ? tiff.ReadRGBATile(left, top, block) : tiff.ReadRGBAStrip(top, block);
                    if (!read) throw Corrupt(QuietErrorHandler.LastError ?? $"the block at ({left}, {top}) cannot be read");
                    // A tile comes back full size even at the image's edge; the last strip only as tall as its rows.
                    var rows = Math.Min(blockHeight, height - top);
                    var stackedRows = tiff.IsTiled() ? blockHeight : rows;
                    var columns = Math.Min(blockWidth, width - left);
                    for (var r = 0; r < rows; r++)
                    {
                        var source = MemoryMarshal.AsBytes(block.AsSpan((stackedRows - 1 - r) * blockWidth, columns));
                        var target = image.WritableRow(top + r).Slice(left * 4, columns * 4);
                        source.CopyTo(target);
                        PixelRows.CompositeOverWhite(target);
                    }
                }
            return image;
        }
        catch
        {
            image.Dispose();
            throw;
        }
    }

    private static CorruptImageException Corrupt(string reason) => new($"corrupt TIFF image: {reason}");

    /// <summary>libtiff reports problems to one process-wide handler, by default on the console. This one keeps the
    /// current thread's last error for the exception message, and prints nothing.</summary>
    private sealed class QuietErrorHandler : TiffErrorHandler
    {
        [ThreadStatic] public static string? LastError;

        public override void ErrorHandler(Tiff tif, string method, string format, params object[] args) => LastError = Format(format, args);
        public override void ErrorHandlerExt(Tiff tif, object clientData, string method, string format, params object[] args) { }
        public override void WarningHandler(Tiff tif, string method, string format, params object[] args) { }
        public override void WarningHandlerExt(Tiff tif, object clientData, string method, string format, params object[] args) { }

        private static string Format(string format, object[] args)
        {
            try { return string.Format(CultureInfo.InvariantCulture, format, args); }
            catch (FormatException) { return format; }
        }
    }
}
