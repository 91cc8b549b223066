using ColorPix.Core.Imaging;

namespace ColorPix.Core.Data;

/// <summary>Turns a decoded photo into one training sample: interleaved RGB bytes, Size x Size.</summary>
public interface ISampleTransform
{
    int Size { get; }

    /// <param name="random">Seeded per sample by the loader, so a sample is the same whatever thread makes it.</param>
    byte[] Apply(Image source, Random random);
}

public static class SampleTransforms
{
    /// <summary>Augmentation for training only; validation and test always see the same pixels.</summary>
    /// <param name="minCropScale">Smallest share of the photo's area a training crop covers: smaller gives more
    /// distinct patches from few photos.</param>
    public static ISampleTransform For(Split split, int size, double minCropScale = 0.5) =>
        split == Split.Train ? new TrainTransform(size) { MinScale = minCropScale } : new EvalTransform(size);
}
