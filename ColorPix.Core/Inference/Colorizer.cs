using ColorPix.Core.Color;
using ColorPix.Core.Imaging;
using ColorPix.Core.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace ColorPix.Core.Inference;

/// <summary>
/// Colorizes a photo of any size: ab is predicted at the model's resolution from the image's lightness, upsampled
/// to the original size and recombined with the original full-resolution L, so size and detail are kept.
/// A color input is treated as its lightness (turned gray first).
/// The work is split in three steps so a service can batch the middle one across requests:
/// <see cref="Prepare"/> and <see cref="Finish"/> per request, <see cref="Predict"/> per batch. Only the small image
/// the network needs ever becomes a tensor; full-resolution work runs in strips of 8-bit rows (<see cref="StripRecombiner"/>).
/// </summary>
public static class Colorizer
{
    public static Image Colorize(ColorizationModel model, Image input, Device? device = null)
    {
        using var prepared = Prepare(input, model.ImageSize);
        var ab = Predict(model, [prepared], device)[0];
        using (ab) return Finish(prepared, ab);
    }

    /// <summary>Step 1, per request: the image's lightness at the model's size. The source stays the caller's: keep it
    /// alive until <see cref="Finish"/> has run.</summary>
    public static PreparedImage Prepare(Image input, int modelSize)
    {
        if (modelSize <= 0) throw new ArgumentOutOfRangeException(nameof(modelSize), modelSize, "the model's image size must be positive");
        using var scope = NewDisposeScope();
        // The image itself is resized (area filter), not its L: the same input the model saw in training.
        using var small = input.Resize(modelSize, modelSize);
        var smallLightness = Lab.Lightness(ImageTensors.RgbBatch(small));
        return new PreparedImage(input, smallLightness);
    }

    /// <summary>
    /// Step 2, per batch: one forward pass over all the images, in eval mode and without gradients (grad mode is
    /// per thread, so it is set here, on whichever thread runs the model). Returns each image's ab [1,2,S,S] on
    /// the CPU, in order, owned by the caller.
    /// </summary>
    public static Tensor[] Predict(ColorizationModel model, IReadOnlyList<PreparedImage> images, Device? device = null)
    {
        if (images.Count == 0) return [];
        var mismatch = images.FirstOrDefault(i => i.ModelSize != model.ImageSize);
        if (mismatch is not null)
            throw new ArgumentException($"{mismatch} was prepared for size {mismatch.ModelSize}, the model takes {model.ImageSize}");
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        // Batch norm in training mode would mix the statistics of the requests batched together.
        model.Network.eval();
        var batch = cat(images.Select(i => i.SmallLightness).ToArray(), 0).to(device ?? CPU);
        var ab = model.PredictAb(batch).to(CPU);
        return Enumerable.Range(0, images.Count).Select(i => ab.narrow(0, i, 1).DetachFromDisposeScope()).ToArray();
    }

    /// <summary>Step 3, per request: ab upsampled to the original size, joined to the full-resolution L, as RGB.</summary>
    public static Image Finish(PreparedImage prepared, Tensor ab) => StripRecombiner.Colorize(prepared.Source, ab);

    /// <summary>The gray version of an image (its L channel rendered as RGB): the input a user sees beside results.</summary>
    public static Image Grayscale(Image input) => StripRecombiner.Colorize(input, ab: null);
}
