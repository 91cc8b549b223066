using ColorPix.Core.Color;
using ColorPix.Core.Inference;
using ColorPix.Core.Models;
using TorchSharp;
using static TorchSharp.torch;
using ColorPix.Core.Imaging;
using TorchSharp.Modules;

namespace ColorPix.Tests.Inference;

public class ColorizerTests
{
    /// <summary>An AutoEncoder whose last layer outputs a known, uniform ab whatever the input.</summary>
    private static ColorizationModel UniformAbModel(double a, double b)
    {
        var model = ColorizationModel.CreateAutoEncoder(new AutoEncoderConfig(0.125), 64);
        var decoder = (Sequential)model.Network.named_children().Single(c => c.name == "decoder").module;
        var last = (Conv2d)decoder[decoder.Count - 3];
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        last.weight!.zero_();
        last.bias!.copy_(torch.tensor(new[] { (float)Math.Atanh(a / 128), (float)Math.Atanh(b / 128) }));
        model.Network.eval();
        return model;
    }

    private static Image Photo(int width, int height)
    {
        var pixels = new byte[width * height * 3];
        var random = new Random(4);
        random.NextBytes(pixels);
        // Smooth it a little so JPEG-like content, not noise, but keep per-pixel detail.
        for (var i = 3; i < pixels.Length; i++) pixels[i] = (byte)((pixels[i] + pixels[i - 3]) / 2);
        return Image.FromPixels(pixels, width, height, 3);
    }

    private static Tensor LabOf(Image image)
    {
        using var t = image.ToTensor();
        using var batch = t.unsqueeze(0);
        return Lab.RgbToLab(batch);
    }

    [Test]
    public void Colorize_keeps_the_input_size_and_its_full_resolution_lightness()
    {
        using var scope = torch.NewDisposeScope();
        using var model = UniformAbModel(12, -9);
        using var input = Photo(150, 97);
        using var output = Colorizer.Colorize(model, input);

        output.Width.Should().Be(150);
        output.Height.Should().Be(97);
        var inLab = LabOf(input);
        var outLab = LabOf(output);
        // L is the input's own, pixel for pixel (8-bit rounding and the odd out-of-gamut clip aside).
        var lError = (outLab.narrow(1, 0, 1) - inLab.narrow(1, 0, 1)).abs();
        lError.mean().ToDouble().Should().BeLessThan(0.6);
        // The predicted ab lands on every pixel.
        outLab.narrow(1, 1, 1).mean().ToDouble().Should().BeApproximately(12, 1.5);
        outLab.narrow(1, 2, 1).mean().ToDouble().Should().BeApproximately(-9, 1.5);
    }

    [Test]
    public void A_gray_input_and_its_color_original_give_the_same_result()
    {
        using var scope = torch.NewDisposeScope();
        using var model = UniformAbModel(20, 20);
        using var color = Photo(64, 48);
        using var gray = Colorizer.Grayscale(color);
        using var fromColor = Colorizer.Colorize(model, color);
        using var fromGray = Colorizer.Colorize(model, gray);
        var difference = fromColor.CopyPixels().Zip(fromGray.CopyPixels(), (p, q) => Math.Abs(p - q)).Max();
        difference.Should().BeLessThanOrEqualTo(2);
    }
}
