using ColorPix.Core.Color;
using TorchSharp;
using static TorchSharp.torch;

namespace ColorPix.Tests.Color;

public class LabTests
{
    // Reference CIELab (D65) values of sRGB colors, as computed by scikit-image's rgb2lab.
    public static IEnumerable<TestCaseData> KnownColors()
    {
        yield return Known("white", 1, 1, 1, 100, 0, 0);
        yield return Known("black", 0, 0, 0, 0, 0, 0);
        yield return Known("mid gray 128", 128 / 255.0, 128 / 255.0, 128 / 255.0, 53.585, 0, 0);
        yield return Known("red", 1, 0, 0, 53.2408, 80.0925, 67.2032);
        yield return Known("green", 0, 1, 0, 87.7347, -86.1827, 83.1793);
        yield return Known("blue", 0, 0, 1, 32.2970, 79.1875, -107.8602);
        yield return Known("yellow", 1, 1, 0, 97.1393, -21.5537, 94.4780);
        yield return Known("cyan", 0, 1, 1, 91.1132, -48.0875, -14.1312);
        yield return Known("magenta", 1, 0, 1, 60.3242, 98.2343, -60.8249);
    }

    private static TestCaseData Known(string name, double r, double g, double b, double l, double a, double bb) =>
        new TestCaseData(new[] { (float)r, (float)g, (float)b }, new[] { l, a, bb }).SetName($"Lab_of_{name.Replace(' ', '_')}_matches_the_reference");

    [TestCaseSource(nameof(KnownColors))]
    public void Lab_matches_reference(float[] rgb, double[] expected)
    {
        using var scope = torch.NewDisposeScope();
        var lab = Lab.RgbToLab(torch.tensor(rgb, 3, 1, 1)).data<float>().ToArray();
        for (var c = 0; c < 3; c++) ((double)lab[c]).Should().BeApproximately(expected[c], 0.05);
    }

    [Test]
    public void Eight_bit_colors_survive_a_round_trip_within_one_level()
    {
        using var scope = torch.NewDisposeScope();
        // Every 8th level on each axis plus the extremes, batched [N,3,H,W].
        var levels = Enumerable.Range(0, 33).Select(i => Math.Min(255, i * 8)).ToArray();
        var values = new List<float>();
        foreach (var channel in new[] { 0, 1, 2 })
        foreach (var r in levels) foreach (var g in levels) foreach (var b in levels)
            values.Add((channel == 0 ? r : channel == 1 ? g : b) / 255f);
        var n = levels.Length * levels.Length * levels.Length;
        var rgb = torch.tensor(values.ToArray(), 1, 3, n, 1);
        var back = Lab.LabToRgb(Lab.RgbToLab(rgb));
        var error = ((back - rgb).abs() * 255).max().ToDouble();
        error.Should().BeLessThanOrEqualTo(1.0);
        (back * 255).round().sub(rgb * 255).abs().max().ToDouble().Should().BeLessThanOrEqualTo(1.0);
    }

    [Test]
    public void Lightness_is_the_L_channel_of_the_full_conversion()
    {
        using var scope = torch.NewDisposeScope();
        var rgb = torch.rand(2, 3, 8, 8);
        var expected = Lab.RgbToLab(rgb).narrow(1, 0, 1);
        var lightness = Lab.Lightness(rgb);
        lightness.shape.Should().Equal(2, 1, 8, 8);
        (lightness - expected).abs().max().ToDouble().Should().BeLessThan(1e-4);
        Lab.Lightness(rgb[0]).shape.Should().Equal(1, 8, 8);
    }

    [Test]
    public void Gray_pixels_have_zero_chroma()
    {
        using var scope = torch.NewDisposeScope();
        var gray = torch.rand(2, 1, 4, 4).expand(2, 3, 4, 4).contiguous();
        var lab = Lab.RgbToLab(gray);
        lab.narrow(1, 1, 2).abs().max().ToDouble().Should().BeLessThan(0.01);
    }
}
