using ColorPix.Core.Engine;
using TorchSharp;
using static TorchSharp.torch;

namespace ColorPix.Core.Color;

/// <summary>
/// sRGB (D65) &lt;-&gt; CIELab on tensors shaped [3,H,W] or [N,3,H,W], with the CIE formulas and the same
/// constants as scikit-image's rgb2lab / lab2rgb. RGB in [0,1]; L in [0,100], a and b roughly [-128,128].
/// All constants go through <see cref="Scalars"/>: this runs on loader and request threads alongside GCs.
/// </summary>
public static class Lab
{
    private static readonly double[,] XyzFromRgb =
    {
        { 0.412453, 0.357580, 0.180423 },
        { 0.212671, 0.715160, 0.072169 },
        { 0.019334, 0.119193, 0.950227 },
    };

    private static readonly double[,] RgbFromXyz = Invert(XyzFromRgb);
    private static readonly double[] WhiteD65 = [0.95047, 1.0, 1.08883];
    private const double Epsilon = 0.008856;   // (6/29)^3
    private const double Kappa = 7.787;        // (29/6)^2 / 3

    public static Tensor RgbToLab(Tensor rgb)
    {
        using var scope = NewDisposeScope();
        var xyz = Mix(Linear(rgb), XyzFromRgb);
        var f = Enumerable.Range(0, 3).Select(c => F(xyz[c].Over(WhiteD65[c]))).ToArray();
        var lab = cat([f[1].Times(116).Minus(16), (f[0] - f[1]).Times(500), (f[1] - f[2]).Times(200)], ChannelDim(rgb));
        return lab.MoveToOuterDisposeScope();
    }

    public static Tensor LabToRgb(Tensor lab)
    {
        using var scope = NewDisposeScope();
        var dim = ChannelDim(lab);
        var l = lab.narrow(dim, 0, 1);
        var fy = l.Plus(16).Over(116);
        var fx = lab.narrow(dim, 1, 1).Over(500).Plus(fy);
        var fz = (fy - lab.narrow(dim, 2, 1).Over(200)).AtLeast(0);
        var xyz = new[] { fx, fy, fz }.Select((f, c) =>
            where(f.Above(0.2068966), f.Power(3), f.Minus(16.0 / 116).Over(Kappa)).Times(WhiteD65[c])).ToArray();
        var linear = Mix(cat(xyz, dim), RgbFromXyz);
        var rgb = cat(linear.Select(c => where(c.Above(0.0031308), c.AtLeast(1e-12).Power(1 / 2.4).Times(1.055).Minus(0.055), c.Times(12.92))).ToArray(), dim);
        return rgb.Within(0, 1).MoveToOuterDisposeScope();
    }

    /// <summary>The L channel of RGB images, shaped like the input with one channel. L depends on Y alone, so only
    /// that row of the matrix is computed: this runs at full resolution on every photo served.</summary>
    public static Tensor Lightness(Tensor rgb)
    {
        using var scope = NewDisposeScope();
        var channels = Channels(Linear(rgb));
        var y = Row(channels, XyzFromRgb, 1);
        return F(y.Over(WhiteD65[1])).Times(116).Minus(16).MoveToOuterDisposeScope();
    }

    /// <summary>sRGB companding undone.</summary>
    private static Tensor Linear(Tensor rgb) => where(rgb.Above(0.04045), rgb.Plus(0.055).Over(1.055).Power(2.4), rgb.Over(12.92));

    /// <summary>The CIE f(t); pow(1/3) below the threshold is masked by where, and clamping keeps its gradient finite there.</summary>
    private static Tensor F(Tensor ratio)
    {
        var t = ratio.AtLeast(0);
        return where(t.Above(Epsilon), t.AtLeast(1e-12).Power(1.0 / 3), t.Times(Kappa).Plus(16.0 / 116));
    }

    private static int ChannelDim(Tensor t) => t.dim() switch
    {
        3 => 0,
        4 => 1,
        _ => throw new ArgumentException($"expected [3,H,W] or [N,3,H,W], got [{string.Join(", ", t.shape)}]"),
    };

    /// <summary>out[i] = sum_j m[i,j] * in[j] over the channel dimension; returns the three output channels.</summary>
    private static Tensor[] Mix(Tensor input, double[,] m)
    {
        var channels = Channels(input);
        return Enumerable.Range(0, 3).Select(i => Row(channels, m, i)).ToArray();
    }

    private static Tensor Row(Tensor[] channels, double[,] m, int i) =>
        channels[0].Times(m[i, 0]).Plus(channels[1].Times(m[i, 1])).Plus(channels[2].Times(m[i, 2]));

    /// <summary>The three channels of [3,H,W] or [N,3,H,W], each keeping its dimension.</summary>
    private static Tensor[] Channels(Tensor input)
    {
        var dim = ChannelDim(input);
        if (input.size(dim) != 3) throw new ArgumentException($"expected 3 channels, got {input.size(dim)}");
        return Enumerable.Range(0, 3).Select(c => input.narrow(dim, c, 1)).ToArray();
    }

    private static double[,] Invert(double[,] m)
    {
        double a = m[0, 0], b = m[0, 1], c = m[0, 2], d = m[1, 0], e = m[1, 1], f = m[1, 2], g = m[2, 0], h = m[2, 1], i = m[2, 2];
        var det = a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
        return new[,]
        {
            { (e * i - f * h) / det, (c * h - b * i) / det, (b * f - c * e) / det },
            { (f * g - d * i) / det, (a * i - c * g) / det, (c * d - a * f) / det },
            { (d * h - e * g) / det, (b * g - a * h) / det, (a * e - b * d) / det },
        };
    }
}
