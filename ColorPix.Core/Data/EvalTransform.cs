using ColorPix.Core.Imaging;

namespace ColorPix.Core.Data;

/// <summary>Validation and test: the short side resized to Size, then the centre Size x Size; no randomness.</summary>
public sealed record EvalTransform(int Size) : ISampleTransform
{
    public byte[] Apply(Image source, Random random)
    {
        var scale = (double)Size / Math.Min(source.Width, source.Height);
        var width = Math.Max(Size, (int)Math.Round(source.Width * scale));
        var height = Math.Max(Size, (int)Math.Round(source.Height * scale));
        using var resized = source.Resize(width, height);
        return RgbPixels.Crop(resized.CopyPixels(), width, (width - Size) / 2, (height - Size) / 2, Size, Size);
    }
}
