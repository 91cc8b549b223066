using System.Globalization;
using ColorPix.Core.Imaging;

namespace ColorPix.Core.Data;

/// <summary>
/// A damage old photographs show (sensor or film noise, grain, blur, JPEG artefacts, fading), applied to the
/// image a model is given and never to the colours it must predict: in training to the input lightness only, in
/// evaluation to the gray photo sent to the colorizer. See <see cref="Perturbations"/> for the kinds and sets.
/// <para>Works on gray or RGBX images, row by row, in O(pixels) with a few rows of scratch memory. On RGBX, noise,
/// grain and fading move R, G and B alike (brightness only), blur and JPEG treat the channels as a lens and an encoder
/// would; only the lightness of a damaged image is ever used. The result follows from the image and the
/// <see cref="Random"/> alone.</para>
/// </summary>
public abstract record Perturbation
{
    /// <summary>What it is: "noise", "blur".</summary>
    public abstract string Name { get; }

    /// <summary>How strong, in its own units: "σ=10", "q=20".</summary>
    public abstract string Strength { get; }

    /// <summary>A name for metric keys and JSON (letters, digits, '_', '.'): "noise_s10".</summary>
    public abstract string Key { get; }

    /// <summary>Damages <paramref name="image"/> where it is.</summary>
    public abstract void ApplyInPlace(Image image, Random random);

    /// <summary>A damaged copy; the source is left as it was. The caller owns the result.</summary>
    public Image Apply(Image source, Random random)
    {
        var copy = Image.CreateUninitialized(source.Width, source.Height, source.Channels);
        try
        {
            source.Pixels.CopyTo(copy.Pixels);
            ApplyInPlace(copy, random);
            return copy;
        }
        catch
        {
            copy.Dispose();
            throw;
        }
    }

    /// <summary>"noise σ=10": the name and strength, as tables print them.</summary>
    public sealed override string ToString() => $"{Name} {Strength}";

    /// <summary>A number as strengths print it: invariant culture, at most two decimals.</summary>
    protected static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>Rounds to the nearest level and clamps to 0..255.</summary>
    internal static byte ToByte(double value) => value <= 0 ? (byte)0 : value >= 255 ? (byte)255 : (byte)(value + 0.5);

    /// <summary>Colour samples per pixel that are damaged (1 gray, 3 RGB; the padding byte is left alone).</summary>
    internal static int Samples(Image image) => image.Channels == 1 ? 1 : 3;
}
