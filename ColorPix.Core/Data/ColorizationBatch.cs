using ColorPix.Core.Color;
using TorchSharp;
using static TorchSharp.torch;

namespace ColorPix.Core.Data;

/// <summary>
/// A batch in Lab: the model sees <see cref="L"/> and predicts <see cref="Ab"/>. Its tensors belong to no
/// dispose scope (they are made on a loader thread): the consumer disposes the batch.
/// </summary>
public sealed class ColorizationBatch : IDisposable
{
    /// <summary>[B, 1, S, S] float32, lightness in [0, 100].</summary>
    public Tensor L { get; }

    /// <summary>[B, 2, S, S] float32, a and b roughly in [-128, 128].</summary>
    public Tensor Ab { get; }

    /// <summary>The source files, relative to the dataset root, in batch order.</summary>
    public IReadOnlyList<string> Paths { get; }

    public int Count => Paths.Count;

    /// <summary>Takes ownership of L [B,1,S,S] and ab [B,2,S,S].</summary>
    public ColorizationBatch(Tensor l, Tensor ab, IReadOnlyList<string> paths)
    {
        if (l.size(0) != paths.Count || ab.size(0) != paths.Count)
            throw new ArgumentException($"L has {l.size(0)} and ab {ab.size(0)} images for {paths.Count} paths");
        (L, Ab, Paths) = (l, ab, paths);
    }

    /// <summary>Builds the batch from interleaved RGB samples of size x size.</summary>
    public static ColorizationBatch FromRgb(IReadOnlyList<byte[]> samples, int size, IReadOnlyList<string> paths)
    {
        if (samples.Count == 0 || samples.Count != paths.Count)
            throw new ArgumentException($"{samples.Count} samples for {paths.Count} paths: a batch needs one path per sample");
        var plane = size * size;
        var values = new float[samples.Count * 3 * plane];
        for (var b = 0; b < samples.Count; b++)
        {
            var pixels = samples[b];
            if (pixels.Length != plane * 3) throw new ArgumentException($"sample {b} has {pixels.Length} bytes, not {size}x{size}x3");
            // Interleaved HWC bytes to planar CHW floats in [0, 1], as Lab.RgbToLab expects.
            for (var i = 0; i < plane; i++)
                for (var c = 0; c < 3; c++)
                    values[(b * 3 + c) * plane + i] = pixels[i * 3 + c] / 255f;
        }
        using var scope = torch.NewDisposeScope();
        var lab = Lab.RgbToLab(torch.tensor(values, samples.Count, 3, size, size));
        var l = lab.narrow(1, 0, 1).contiguous().DetachFromDisposeScope();
        var ab = lab.narrow(1, 1, 2).contiguous().DetachFromDisposeScope();
        return new ColorizationBatch(l, ab, paths);
    }

    public void Dispose()
    {
        L.Dispose();
        Ab.Dispose();
    }
}
