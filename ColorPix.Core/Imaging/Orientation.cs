using SkiaSharp;

namespace ColorPix.Core.Imaging;

/// <summary>
/// Where the stored pixels of an EXIF-oriented image go in the upright one. Works on a strip of stored rows at a
/// time, so a decoder can hand rows over as it produces them and the upright image is the only full-size buffer.
/// </summary>
internal readonly struct Orientation(SKEncodedOrigin origin, int storedWidth, int storedHeight)
{
    public bool IsUpright => origin is SKEncodedOrigin.TopLeft;

    /// <summary>Origins 5 to 8 turn the image a quarter, swapping width and height.</summary>
    private bool SwapsAxes => origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop
        or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;

    public int Width => SwapsAxes ? storedHeight : storedWidth;
    public int Height => SwapsAxes ? storedWidth : storedHeight;

    /// <summary>Writes <paramref name="count"/> consecutive stored rows from <paramref name="firstY"/> (one T per
    /// pixel, rows back to back) into the upright pixels.</summary>
    public void Place<T>(ReadOnlySpan<T> rows, int firstY, int count, Span<T> upright) where T : unmanaged
    {
        var (start, step) = Placement(firstY);
        if (!SwapsAxes)
        {
            for (var r = 0; r < count; r++)
            {
                var index = Placement(firstY + r).Start;
                foreach (var pixel in rows.Slice(r * storedWidth, storedWidth))
                {
                    upright[index] = pixel;
                    index += step;
                }
            }
            return;
        }
        // A quarter turn makes each stored row an upright column. Going down the strip's rows for one x at a
        // time writes neighbouring upright pixels instead of one pixel per upright row: on a 40 MP JPEG the turn
        // then costs about a third of what it did row by row.
        var nextRow = count > 1 ? Placement(firstY + 1).Start - start : 0;
        for (var x = 0; x < storedWidth; x++)
        {
            var index = start + x * step;
            for (var r = 0; r < count; r++, index += nextRow) upright[index] = rows[r * storedWidth + x];
        }
    }

    /// <summary>Index in the upright image of stored pixel (0, y), and the index step per stored x.</summary>
    private (int Start, int Step) Placement(int y)
    {
        var (w, h, upW) = (storedWidth, storedHeight, Width);
        return origin switch
        {
            SKEncodedOrigin.TopRight => (y * upW + w - 1, -1),                    // mirrored left-right
            SKEncodedOrigin.BottomRight => ((h - 1 - y) * upW + w - 1, -1),       // turned 180 degrees
            SKEncodedOrigin.BottomLeft => ((h - 1 - y) * upW, 1),                 // mirrored top-bottom
            SKEncodedOrigin.LeftTop => (y, upW),                                  // transposed
            SKEncodedOrigin.RightTop => (h - 1 - y, upW),                         // turned 90 degrees clockwise
            SKEncodedOrigin.RightBottom => ((w - 1) * upW + h - 1 - y, -upW),     // transposed the other way
            SKEncodedOrigin.LeftBottom => ((w - 1) * upW + y, -upW),              // turned 90 degrees anticlockwise
            _ => (y * upW, 1),
        };
    }

    /// <summary>An upright copy of a whole stored image, for decoders that cannot deliver rows one by one.</summary>
    public Image Apply(Image stored, int stripRows)
    {
        var upright = Image.CreateUninitialized(Width, Height, stored.Channels);
        try
        {
            for (var y = 0; y < stored.Height; y += stripRows)
            {
                var count = Math.Min(stripRows, stored.Height - y);
                if (stored.Channels == 1) Place<byte>(stored.Pixels.Slice(y * storedWidth, count * storedWidth), y, count, upright.Pixels);
                else Place<uint>(stored.Pixels32.Slice(y * storedWidth, count * storedWidth), y, count, upright.Pixels32);
            }
            return upright;
        }
        catch
        {
            upright.Dispose();
            throw;
        }
    }
}
