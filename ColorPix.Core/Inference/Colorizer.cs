using ColorPix.Core.Color;
using ColorPix.Core.Models;
using ColorPix.Torch;
using ColorPix.Torch.Imaging;
using ColorPix.Torch.NN;

namespace ColorPix.Core.Inference;

/// <summary>
/// Colorizes a photo of any size: ab is predicted at the model's resolution from the image's lightness, upsampled
/// to the original size and recombined with the original full-resolution L, so size and detail are kept.
/// A color input is treated as its lightness (turned gray first).
/// </summary>
public static class Colorizer
{
    public static Image Colorize(ColorizationModel model, Image input, Device? device = null)
    {
        var target = device ?? Device.CPU;
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();

        var fullLightness = Lab.Lightness(RgbBatch(input));                       // [1,1,H,W]
        using var small = input.Resize(model.ImageSize, model.ImageSize);
        var smallLightness = Lab.Lightness(RgbBatch(small)).to(target);          // [1,1,S,S]

        var ab = model.PredictAb(smallLightness).to(Device.CPU);
        var fullAb = F.interpolate(ab, input.Height, input.Width, InterpolationMode.Bilinear);
        var rgb = Lab.LabToRgb(torch.cat([fullLightness, fullAb], 1));
        return Image.FromTensor(rgb[0]);
    }

    /// <summary>The gray version of an image (its L channel rendered as RGB): the input a user sees beside results.</summary>
    public static Image Grayscale(Image input)
    {
        using var scope = torch.NewDisposeScope();
        var lightness = Lab.Lightness(RgbBatch(input));
        var lab = torch.cat([lightness, torch.zeros_like(lightness), torch.zeros_like(lightness)], 1);
        return Image.FromTensor(Lab.LabToRgb(lab)[0]);
    }

    private static Tensor RgbBatch(Image image)
    {
        var t = image.ToTensor();
        return (image.Channels == 1 ? t.expand(3, image.Height, image.Width) : t).unsqueeze(0);
    }
}
