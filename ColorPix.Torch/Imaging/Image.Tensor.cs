namespace ColorPix.Torch.Imaging;

public sealed partial class Image
{
    /// <summary>A float32 tensor [Channels, H, W] with values in [0, 1] (RGB order for colour images).</summary>
    public Tensor ToTensor()
    {
        var (pixels, plane) = (CopyPixels(), Width * Height);
        var values = new float[pixels.Length];
        // Interleaved HWC bytes to planar CHW floats in one pass; b / 255f rounds back to b exactly.
        for (var i = 0; i < plane; i++)
            for (var c = 0; c < Channels; c++)
                values[c * plane + i] = pixels[i * Channels + c] / 255f;
        return torch.tensor<float>(values, [Channels, Height, Width]);
    }

    /// <summary>An image from a [3, H, W] (RGB) or [1, H, W] (gray) tensor in [0, 1]: clamped, rounded to 8 bits.</summary>
    public static Image FromTensor(Tensor image)
    {
        var shape = image.shape;
        if (shape is not [1 or 3, > 0, > 0])
            throw new ArgumentException($"expected a [3, H, W] or [1, H, W] tensor, got [{string.Join(", ", shape)}]", nameof(image));
        var (channels, height, width) = ((int)shape[0], (int)shape[1], (int)shape[2]);
        var values = ReadFloats(image);
        var plane = width * height;
        var pixels = new byte[values.Length];
        for (var i = 0; i < plane; i++)
            for (var c = 0; c < channels; c++)
                pixels[i * channels + c] = (byte)MathF.Round(Math.Clamp(values[c * plane + i], 0f, 1f) * 255f);
        return FromPixels(pixels, width, height, channels);
    }

    private static float[] ReadFloats(Tensor tensor)
    {
        if (tensor.dtype == ScalarType.Float32) return tensor.data<float>();
        using var converted = tensor.to(ScalarType.Float32);
        return converted.data<float>();
    }
}
