using ColorPix.Core.Imaging;

namespace ColorPix.Core.Data;

/// <summary>Turns a decoded photo into one training sample: interleaved RGB bytes, Size x Size.</summary>
public interface ISampleTransform
{
    int Size { get; }

    /// <summary>The sample's clean pixels.</summary>
    /// <param name="random">Seeded per sample by the loader, so a sample is the same whatever thread makes it.</param>
    byte[] Apply(Image source, Random random);

    /// <summary>The sample with the input the model is given: by default the clean pixels alone (the model gets their
    /// lightness); a transform that damages its inputs returns them as <see cref="ColorizationSample.DamagedRgb"/>.</summary>
    ColorizationSample Sample(Image source, Random random) => new(Apply(source, random));
}

/// <summary>One sample: the photo's colours, which the model learns to predict, and optionally a damaged version
/// of the same pixels whose lightness the model is given instead (<see cref="Perturbation"/>).</summary>
/// <param name="Rgb">Interleaved RGB, Size x Size: the target ab comes from these.</param>
/// <param name="DamagedRgb">Interleaved RGB of the same geometry, or null: the input L comes from these.</param>
public sealed record ColorizationSample(byte[] Rgb, byte[]? DamagedRgb = null)
{
    /// <summary>The pixels the model's input lightness is computed from.</summary>
    public byte[] InputRgb => DamagedRgb ?? Rgb;
}

public static class SampleTransforms
{
    /// <summary>Augmentation for training only; validation and test always see the same pixels.</summary>
    /// <param name="minCropScale">Smallest share of the photo's area a training crop covers: smaller gives more
    /// distinct patches from few photos.</param>
    /// <param name="damageProbability">Share of training samples whose input is damaged as an old print
    /// (<see cref="TrainTransform.DamageProbability"/>); validation and test are never damaged.</param>
    public static ISampleTransform For(Split split, int size, double minCropScale = 0.5, double damageProbability = 0) =>
        split == Split.Train
            ? new TrainTransform(size) { MinScale = minCropScale, DamageProbability = damageProbability }
            : new EvalTransform(size);
}
