using ColorPix.Core.Engine;
using static TorchSharp.torch;

namespace ColorPix.Core.Imaging;

/// <summary>Small images to and from tensors (model inputs, training crops, sample grids): full-resolution photos
/// never come here, they are recombined in strips of rows.</summary>
public static class ImageTensors
{
    /// <summary>A float32 tensor [Channels, H, W] with values in [0, 1] (RGB order for colour images).</summary>
    public static Tensor ToTensor(this Image image)
    {
        using var scope = NewDisposeScope();
        var pixels = tensor(image.CopyPixels(), [image.Height, image.Width, image.Channels], ScalarType.Byte);
        return pixels.permute(2, 0, 1).to(ScalarType.Float32).Over(255).MoveToOuterDisposeScope();
    }

    /// <summary>[1,3,H,W] RGB in [0,1]; a gray image is repeated over the three channels.</summary>
    public static Tensor RgbBatch(Image image)
    {
        using var scope = NewDisposeScope();
        return RgbRows(image, 0, image.Height).MoveToOuterDisposeScope();
    }

    /// <summary>Rows [y, y+count) of an 8-bit image (gray or RGBX) as RGB floats in [0,1], [1,3,count,W]: a gray image
    /// is repeated over the three channels. What full-resolution work reads one strip at a time.</summary>
    internal static Tensor RgbRows(Image image, int y, int count)
    {
        var pixels = empty([count, image.Width, image.BytesPerPixel], ScalarType.Byte);
        Rows(image, y, count).CopyTo(pixels.bytes);
        var planes = pixels.permute(2, 0, 1).unsqueeze(0);
        var rgb = (image.Channels == 1 ? planes.expand(1, 3, count, image.Width) : planes.narrow(1, 0, 3)).to(ScalarType.Float32);
        return rgb.Over(255);
    }

    /// <summary>Rows [y, y+count) of the image's memory: rows are stored back to back.</summary>
    internal static Span<byte> Rows(Image image, int y, int count)
    {
        var row = image.Width * image.BytesPerPixel;
        return image.Pixels.Slice(y * row, count * row);
    }

    /// <summary>An image from a [3, H, W] (RGB) or [1, H, W] (gray) tensor in [0, 1]: clamped, rounded to 8 bits.</summary>
    public static Image FromTensor(Tensor image)
    {
        if (image.shape is not [1 or 3, > 0, > 0])
            throw new ArgumentException($"expected a [3, H, W] or [1, H, W] tensor, got [{string.Join(", ", image.shape)}]", nameof(image));
        using var scope = NewDisposeScope();
        var (channels, height, width) = ((int)image.size(0), (int)image.size(1), (int)image.size(2));
        return Image.FromPixels(ToBytes(image.unsqueeze(0)).bytes, width, height, channels);
    }

    /// <summary>[N,C,H,W] in [0,1] to interleaved 8-bit [N,H,W,C] on the CPU, rounded half to even.</summary>
    internal static Tensor ToBytes(Tensor images) =>
        images.to(ScalarType.Float32).Within(0, 1).Times(255).round().to(ScalarType.Byte).permute(0, 2, 3, 1).contiguous().cpu();
}
