using ColorPix.Core.Imaging;
using ColorPix.Core.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace ColorPix.Core.Inference;

/// <summary>
/// The check a model passes before it may serve: one colorization of a small synthetic photo (a gray ramp with a
/// bright disc) through the service's own pipeline, whose ab must be finite and inside the Lab gamut. It catches
/// weights that load but are broken (NaN or overflowed after a bad training run, a wrong normalisation), in well
/// under a second.
/// </summary>
public static class CanaryCheck
{
    /// <summary>The largest |a| or |b| a sane model may output (the networks end in tanh scaled to 128).</summary>
    private const float MaxAb = 128.5f;

    /// <exception cref="InvalidDataException">The model's output is not a colorization.</exception>
    public static void Run(ColorizationModel model, Device device)
    {
        using var photo = SyntheticPhoto();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using var prepared = Colorizer.Prepare(photo, model.ImageSize);
        using var ab = Colorizer.Predict(model, [prepared], device)[0];
        if (ab.shape is not [1, 2, var h, var w] || h != model.ImageSize || w != model.ImageSize)
            throw new InvalidDataException($"canary check: the output has shape [{string.Join(", ", ab.shape)}], not [1, 2, {model.ImageSize}, {model.ImageSize}]");
        if (!ab.isfinite().all().item<bool>())
            throw new InvalidDataException("canary check: the output has NaN or infinite values (broken weights)");
        var largest = ab.abs().max().item<float>();
        if (largest > MaxAb)
            throw new InvalidDataException($"canary check: the output reaches |ab| = {largest:F0}, outside the Lab gamut (wrong normalisation)");
    }

    private static Image SyntheticPhoto()
    {
        const int width = 96, height = 64;
        var pixels = new byte[width * height];
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
            {
                var (dx, dy) = (x - 60, y - 30);
                pixels[y * width + x] = dx * dx + dy * dy < 225 ? (byte)235 : (byte)(30 + 180 * x / width);
            }
        return Image.FromPixels(pixels, width, height, channels: 1);
    }
}
