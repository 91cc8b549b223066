using ColorPix.Core.Data;
using ColorPix.Core.Imaging;
using ColorPix.Tests.Data;
using ColorPix.Tests.Inference;

namespace ColorPix.Tests.Metrics;

/// <summary>A test split of three small random photos of different shapes, written to a <see cref="PhotoTree"/>.</summary>
internal static class EvaluationPhotos
{
    public static readonly (int Width, int Height)[] Sizes = [(120, 80), (70, 100), (96, 96)];

    public static ImageFolderDataset Tiny(PhotoTree tree)
    {
        var entries = Sizes.Select((size, i) =>
        {
            using var photo = InferenceFixtures.Photo(size.Width, size.Height, seed: 20 + i);
            tree.WriteBytes($"p{i}.png", photo.Encode(ImageFormat.Png));
            return new ManifestEntry($"p{i}.png", 0, "", Split.Test, size.Width, size.Height);
        }).ToList();
        return new ImageFolderDataset(tree.Images, entries);
    }
}
