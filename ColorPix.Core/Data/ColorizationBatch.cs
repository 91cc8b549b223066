using ColorPix.Core.Engine;
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

    /// <summary>Builds the batch from samples of size x size: ab from each sample's clean pixels, L from its input
    /// pixels (the damaged ones where there are, so the model learns the clean colours from a damaged input).</summary>
    public static ColorizationBatch FromRgb(IReadOnlyList<ColorizationSample> samples, int size, IReadOnlyList<string> paths)
    {
        if (samples.Count == 0 || samples.Count != paths.Count)
            throw new ArgumentException($"{samples.Count} samples for {paths.Count} paths: a batch needs one path per sample");
        using var scope = torch.NewDisposeScope();
        var lab = Lab.RgbToLab(Planar(samples.Select(s => s.Rgb).ToList(), size));
        var l = samples.Any(s => s.DamagedRgb is not null)
            ? Lab.Lightness(Planar(samples.Select(s => s.InputRgb).ToList(), size))
            : lab.narrow(1, 0, 1);
        var ab = lab.narrow(1, 1, 2).contiguous().DetachFromDisposeScope();
        return new ColorizationBatch(l.contiguous().DetachFromDisposeScope(), ab, paths);
    }

    /// <summary>Interleaved HWC bytes to planar [B,3,S,S] floats in [0, 1], as <see cref="Lab"/> expects.</summary>
    private static Tensor Planar(IReadOnlyList<byte[]> samples, int size)
    {
        // One small byte tensor per sample, converted by libtorch: no batch-sized float array on the large object heap
        // (its churn drove the GCs that hit TorchSharp's temporary Scalars, see Scalars).
        var images = samples.Select((pixels, b) => pixels.Length == size * size * 3
            ? torch.tensor(pixels, [size, size, 3], ScalarType.Byte)
            : throw new ArgumentException($"sample {b} has {pixels.Length} bytes, not {size}x{size}x3")).ToList();
        return torch.stack(images).permute(0, 3, 1, 2).to(ScalarType.Float32).Over(255);
    }

    public void Dispose()
    {
        L.Dispose();
        Ab.Dispose();
    }
}
