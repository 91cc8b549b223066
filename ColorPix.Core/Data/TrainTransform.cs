using ColorPix.Core.Imaging;

namespace ColorPix.Core.Data;

/// <summary>
/// Training augmentation: a random resized crop (as torchvision's RandomResizedCrop), a horizontal flip, and a
/// random translation with reflected borders (the course's answer to overfitting on a small dataset), and with
/// <see cref="DamageProbability"/> an old print's damage on the model's input only (<see cref="Sample"/>).
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

    /// <summary>
    /// Share of samples whose input is damaged (<see cref="Damage"/>): 0 (the default) never. The damage is done to
    /// the gray of the crop at the photo's own resolution, before the resize, as the service's input would be damaged
    /// before <c>Colorizer</c> shrinks it; the colours to predict stay the clean photo's.
    /// </summary>
    public double DamageProbability
    {
        get => damageProbability;
        init => damageProbability = value is >= 0 and <= 1 ? value : throw new ArgumentOutOfRangeException(nameof(DamageProbability), value, "0..1");
    }

    private readonly double damageProbability;

    /// <summary>Draws a sample's damage.</summary>
    public Func<Random, Perturbation> Damage { get; init; } = Perturbations.RandomOldPrint;

    public byte[] Apply(Image source, Random random) => Make(source, random, damage: false).Rgb;

    /// <summary>The clean sample of <see cref="Apply"/> for the same random source, with a damaged input for a
    /// share <see cref="DamageProbability"/> of them (the draws for the damage come after all the others).</summary>
    public ColorizationSample Sample(Image source, Random random) => Make(source, random, damage: DamageProbability > 0);

    private ColorizationSample Make(Image source, Random random, bool damage)
    {
        var (x, y, width, height) = CropWindow(source.Width, source.Height, random);
        var pixels = RgbPixels.CropResized(source, x, y, width, height, Size);
        var flip = random.NextDouble() < FlipProbability;
        var reach = (int)(MaxShift * Size);
        var (dx, dy) = (random.Next(-reach, reach + 1), random.Next(-reach, reach + 1));
        byte[] Place(byte[] rgb)
        {
            if (flip) RgbPixels.FlipHorizontally(rgb, Size);
            return RgbPixels.Translate(rgb, Size, dx, dy);
        }
        var clean = Place(pixels);
        if (!damage || random.NextDouble() >= DamageProbability) return new ColorizationSample(clean);
        using var gray = GrayInput.Crop(source, x, y, width, height);
        Damage(random).ApplyInPlace(gray, random);
        using var resized = gray.Resize(Size, Size);
        return new ColorizationSample(clean, Place(GrayAsRgb(resized)));
    }

    private static byte[] GrayAsRgb(Image gray)
    {
        var levels = gray.CopyPixels();
        var rgb = new byte[levels.Length * 3];
        for (var i = 0; i < levels.Length; i++) rgb[3 * i] = rgb[3 * i + 1] = rgb[3 * i + 2] = levels[i];
        return rgb;
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
