namespace ColorPix.Core.Imaging;

/// <summary>
/// Shrinks by area averaging (OpenCV's INTER_AREA): each output pixel is the mean of the input area it covers,
/// input pixels cut by its edges weighted by the part inside. Skia has no such filter, and its mipmaps only
/// approximate it. Separable, in one pass over the input rows, with two rows of floats as working memory.
/// </summary>
internal static class AreaResampler
{
    public static Image Resize(Image source, int width, int height)
    {
        var (columns, rows) = (Taps.Between(source.Width, width), Taps.Between(source.Height, height));
        var channels = source.Channels;
        var result = Image.CreateUninitialized(width, height, channels);
        try
        {
            var (sum, inputRow) = (new float[width * channels], new float[width * channels]);
            var shrunkRow = -1; // the input row whose horizontal average inputRow holds
            for (var y = 0; y < height; y++)
            {
                Array.Clear(sum);
                for (var k = rows.Offsets[y]; k < rows.Offsets[y + 1]; k++)
                {
                    var inputY = rows.First[y] + k - rows.Offsets[y];
                    // Neighbouring output rows share the input row on their boundary: shrink it once.
                    if (inputY != shrunkRow) ShrinkRow(source.Row(inputY), source.BytesPerPixel, channels, columns, inputRow);
                    shrunkRow = inputY;
                    var weight = rows.Weights[k];
                    for (var i = 0; i < sum.Length; i++) sum[i] += weight * inputRow[i];
                }
                Store(sum, channels, result.WritableRow(y));
            }
            return result;
        }
        catch
        {
            result.Dispose();
            throw;
        }
    }

    /// <summary>One input row averaged horizontally into <paramref name="shrunk"/> (Channels floats per output pixel).</summary>
    private static void ShrinkRow(ReadOnlySpan<byte> row, int bytesPerPixel, int channels, Taps columns, Span<float> shrunk)
    {
        for (var x = 0; x < columns.First.Length; x++)
        {
            float r = 0, g = 0, b = 0;
            var pixel = columns.First[x] * bytesPerPixel;
            for (var k = columns.Offsets[x]; k < columns.Offsets[x + 1]; k++, pixel += bytesPerPixel)
            {
                var weight = columns.Weights[k];
                r += weight * row[pixel];
                if (channels == 1) continue;
                g += weight * row[pixel + 1];
                b += weight * row[pixel + 2];
            }
            if (channels == 1) shrunk[x] = r;
            else (shrunk[3 * x], shrunk[3 * x + 1], shrunk[3 * x + 2]) = (r, g, b);
        }
    }

    private static void Store(ReadOnlySpan<float> sum, int channels, Span<byte> row)
    {
        if (channels == 1)
        {
            for (var x = 0; x < sum.Length; x++) row[x] = ToByte(sum[x]);
            return;
        }
        for (int i = 0, o = 0; i < sum.Length; i += 3, o += 4)
            (row[o], row[o + 1], row[o + 2], row[o + 3]) = (ToByte(sum[i]), ToByte(sum[i + 1]), ToByte(sum[i + 2]), PixelRows.Opaque);
    }

    // Rounded half to even, like OpenCV's saturate_cast.
    private static byte ToByte(float value) => (byte)Math.Clamp(MathF.Round(value), 0, 255);

    /// <summary>For each output index, the input indices it covers (First[o] onwards) and their weights
    /// (Weights[Offsets[o]] up to Weights[Offsets[o + 1]]), summing to 1.</summary>
    private sealed record Taps(int[] First, int[] Offsets, float[] Weights)
    {
        public static Taps Between(int inputLength, int outputLength)
        {
            var scale = (double)inputLength / outputLength;
            var (first, offsets, weights) = (new int[outputLength], new int[outputLength + 1], new List<float>());
            for (var o = 0; o < outputLength; o++)
            {
                var (start, end) = (o * scale, Math.Min((o + 1) * scale, inputLength));
                first[o] = (int)start;
                offsets[o] = weights.Count;
                for (var i = (int)start; i < end; i++)
                    weights.Add((float)((Math.Min(end, i + 1) - Math.Max(start, i)) / scale));
            }
            offsets[outputLength] = weights.Count;
            return new Taps(first, offsets, [.. weights]);
        }
    }
}
