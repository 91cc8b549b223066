using ColorPix.Core.Imaging;

namespace ColorPix.Core.Data;

/// <summary>
/// Training augmentation: a random resized crop (as torchvision's RandomResizedCrop), a horizontal flip, and a
/// random translation with reflected borders (the course's answer to overfitting on a small dataset).
/// </summary>
public sealed record TrainTransform(int Size) : ISampleTransform
{
    public double MinScale { get; init; } = 0.5;
    public double MaxScale { get; init; } = 1.0;
    public double MinAspect { get; init; } = 3.0 / 4;
    public double MaxAspect { get; init; } = 4.0 / 3;
    public double FlipProbability { get; init; } = 0.5;

    /// <summary>Largest shift along each axis, as a fraction of the output size.</summary>
    public double MaxShift { get; init; } = 0.2;

    public byte[] Apply(Image source, Random random)
    {
        var (x, y, width, height) = CropWindow(source.Width, source.Height, random);
        var pixels = RgbPixels.CropResized(source, x, y, width, height, Size);
        if (random.NextDouble() < FlipProbability) RgbPixels.FlipHorizontally(pixels, Size);
        var reach = (int)(MaxShift * Size);
        return RgbPixels.Translate(pixels, Size, random.Next(-reach, reach + 1), random.Next(-reach, reach + 1));
    }

    /// <summary>torchvision's sampling: up to ten draws of area and log-uniform aspect, then a centre crop.</summary>
    internal (int X, int Y, int Width, int Height) CropWindow(int imageWidth, int imageHeight, Random random)
    {
        var area = (double)imageWidth * imageHeight;
        var (logMin, logMax) = (Math.Log(MinAspect), Math.Log(MaxAspect));
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var target = area * (MinScale + (MaxScale - MinScale) * random.NextDouble());
            var aspect = Math.Exp(logMin + (logMax - logMin) * random.NextDouble());
            var width = (int)Math.Round(Math.Sqrt(target * aspect));
            var height = (int)Math.Round(Math.Sqrt(target / aspect));
            if (width is > 0 && width <= imageWidth && height is > 0 && height <= imageHeight)
                return (random.Next(imageWidth - width + 1), random.Next(imageHeight - height + 1), width, height);
        }
        var ratio = (double)imageWidth / imageHeight;
        var (w, h) = ratio < MinAspect ? (imageWidth, (int)Math.Round(imageWidth / MinAspect))
            : ratio > MaxAspect ? ((int)Math.Round(imageHeight * MaxAspect), imageHeight)
            : (imageWidth, imageHeight);
        return ((imageWidth - w) / 2, (imageHeight - h) / 2, w, h);
    }
}
