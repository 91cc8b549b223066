using ColorPix.Core.Imaging;

namespace ColorPix.Core.Data;

/// <summary>Pixel moves the native image API does not offer, on interleaved RGB bytes.</summary>
internal static class RgbPixels
{
    public static byte[] Crop(byte[] pixels, int width, int x, int y, int cropWidth, int cropHeight)
    {
        var result = new byte[cropWidth * cropHeight * 3];
        for (var row = 0; row < cropHeight; row++)
            Array.Copy(pixels, ((y + row) * width + x) * 3, result, row * cropWidth * 3, cropWidth * 3);
        return result;
    }

    /// <summary>Crops a rectangle of <paramref name="source"/> and resizes it to size x size.</summary>
    public static byte[] CropResized(Image source, int x, int y, int cropWidth, int cropHeight, int size)
    {
        var cropped = Crop(source.CopyPixels(), source.Width, x, y, cropWidth, cropHeight);
        using var crop = Image.FromPixels(cropped, cropWidth, cropHeight, 3);
        using var resized = crop.Resize(size, size);
        return resized.CopyPixels();
    }

    public static void FlipHorizontally(byte[] pixels, int size)
    {
        for (var row = 0; row < size; row++)
            for (int left = row * size, right = left + size - 1; left < right; left++, right--)
                for (var c = 0; c < 3; c++)
                    (pixels[left * 3 + c], pixels[right * 3 + c]) = (pixels[right * 3 + c], pixels[left * 3 + c]);
    }

    /// <summary>Shifts the image by (dx, dy), filling the uncovered border by reflection: no black bars for
    /// the model to learn, and no colour invented.</summary>
    public static byte[] Translate(byte[] pixels, int size, int dx, int dy)
    {
        var result = new byte[pixels.Length];
        for (var y = 0; y < size; y++)
        {
            var sourceRow = Reflect(y - dy, size);
            for (var x = 0; x < size; x++)
                Array.Copy(pixels, (sourceRow * size + Reflect(x - dx, size)) * 3, result, (y * size + x) * 3, 3);
        }
        return result;
    }

    // Mirror about the edge pixel (OpenCV's BORDER_REFLECT_101); shifts stay below the size, so once is enough.
    private static int Reflect(int i, int n) => i < 0 ? -i : i >= n ? 2 * n - 2 - i : i;
}
