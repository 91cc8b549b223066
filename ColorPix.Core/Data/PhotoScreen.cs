using System.Globalization;

namespace ColorPix.Core.Data;

/// <summary>
/// Decides from <see cref="PhotoStatistics"/> whether a colour picture is a photograph worth learning colour from.
/// The thresholds were set on the pictures Debian ships (`data debian` writes each one's figures to data/debian/review/statistics.tsv, and
/// the cases they get wrong are overridden by hand in <see cref="DebianCorpusCatalog.Overrides"/>).
/// </summary>
public static class PhotoScreen
{
    /// <summary>Below this Hasler–Süsstrunk colorfulness a picture is near-gray, as BigColor filters ImageNet.</summary>
    public const double MinColorfulness = 15;

    /// <summary>Flat fills: illustrations, logos, screenshots. Photographs here reach 0.81 (white wood, deep sky).</summary>
    public const double MaxPaletteShare = 0.85;

    /// <summary>Smooth gradients with a clean noise floor: renders. Photographs with bokeh come close (see the overrides).</summary>
    public const double RenderSmoothShare = 0.6;
    public const double RenderNoiseFloor = 0.6;

    /// <summary>So smooth that only a render or a heavily retouched picture gets there, whatever its grain.</summary>
    public const double MaxSmoothShare = 0.9;

    /// <summary>No noise at all in the smoothest tenth of a picture with large smooth areas: drawn, not taken.</summary>
    public const double SyntheticNoiseFloor = 0.05;
    public const double SyntheticSmoothShare = 0.4;

    /// <summary>Shorter sides below this are crops and icons, too small for a training crop.</summary>
    public const int MinSide = 128;

    /// <summary>Null for a photograph, else why not, with the figures that decided.</summary>
    public static string? Reject(PhotoStatistics s, int width, int height)
    {
        if (Math.Min(width, height) < MinSide) return $"too small: {width}x{height}";
        if (s.Colorfulness < MinColorfulness) return $"near-gray: colorfulness {F(s.Colorfulness)} < {F(MinColorfulness)}";
        if (s.PaletteShare >= MaxPaletteShare) return $"illustration: 16 colours cover {Pct(s.PaletteShare)} of the pixels";
        if (s.SmoothShare >= MaxSmoothShare) return $"render: {Pct(s.SmoothShare)} of the pixels smooth";
        if (s.SmoothShare >= RenderSmoothShare && s.NoiseFloor < RenderNoiseFloor)
            return $"render: {Pct(s.SmoothShare)} of the pixels smooth, noise floor {F(s.NoiseFloor)}";
        if (s.NoiseFloor < SyntheticNoiseFloor && s.SmoothShare >= SyntheticSmoothShare)
            return $"synthetic: noise floor {F(s.NoiseFloor)}, {Pct(s.SmoothShare)} of the pixels smooth";
        return null;
    }

    private static string F(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
    private static string Pct(double share) => (share * 100).ToString("0", CultureInfo.InvariantCulture) + "%";
}
