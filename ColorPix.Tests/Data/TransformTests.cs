using ColorPix.Core.Data;
using TorchSharp;
using static TorchSharp.torch;
using ColorPix.Core.Imaging;

namespace ColorPix.Tests.Data;

public class TransformTests
{
    private static Image Photo(int width, int height, int seed = 1)
    {
        var pixels = new byte[width * height * 3];
        new Random(seed).NextBytes(pixels);
        return Image.FromPixels(pixels, width, height, 3);
    }

    [Test]
    public void Training_samples_are_size_by_size_rgb_and_vary_with_the_random_source()
    {
        using var photo = Photo(50, 30);
        var transform = new TrainTransform(16);
        var first = transform.Apply(photo, new Random(1));
        first.Should().HaveCount(16 * 16 * 3);
        transform.Apply(photo, new Random(1)).Should().Equal(first, "the same seed gives the same sample");
        transform.Apply(photo, new Random(2)).Should().NotEqual(first);
    }

    [Test]
    public void Random_crops_stay_inside_the_image_within_the_scale_and_aspect_bounds()
    {
        var transform = new TrainTransform(16);
        var random = new Random(3);
        for (var i = 0; i < 500; i++)
        {
            var (x, y, w, h) = transform.CropWindow(400, 300, random);
            (x >= 0 && y >= 0 && x + w <= 400 && y + h <= 300).Should().BeTrue();
            ((double)w * h / (400 * 300)).Should().BeInRange(0.49, 1.01);
            ((double)w / h).Should().BeInRange(0.74, 1.34);
        }
    }

    [Test]
    public void Evaluation_resizes_the_short_side_and_takes_the_centre()
    {
        // Left third red, middle green, right third blue: the centre crop of a 3:1 image is all green.
        var pixels = new byte[90 * 30 * 3];
        for (var y = 0; y < 30; y++)
            for (var x = 0; x < 90; x++)
                pixels[(y * 90 + x) * 3 + x / 30] = 255;
        using var photo = Image.FromPixels(pixels, 90, 30, 3);
        var sample = new EvalTransform(10).Apply(photo, new Random(1));
        sample.Should().HaveCount(10 * 10 * 3);
        sample.Chunk(3).Should().OnlyContain(p => p[0] == 0 && p[1] == 255 && p[2] == 0);
    }

    [Test]
    public void Validation_batches_of_the_same_image_are_identical()
    {
        using var tree = new PhotoTree();
        tree.Color("a.png", seed: 4, width: 40, height: 28);
        var dataset = new ImageFolderDataset(tree.Images, [new ManifestEntry("a.png", 0, "", Split.Val, 40, 28)]);
        float[] Load(int seed)
        {
            using var loader = new BatchLoader(dataset, SampleTransforms.For(Split.Val, 16), new LoaderOptions { Seed = seed });
            using var batch = loader.Single();
            return batch.Ab.data<float>().ToArray();
        }
        Load(1).Should().Equal(Load(2));
    }

    [Test]
    public void A_training_batch_holds_L_in_0_100_and_ab_for_each_sample()
    {
        using var tree = new PhotoTree();
        tree.Photos(5);
        var dataset = new ImageFolderDataset(tree.Images, tree.Build().Entries);
        using var loader = new BatchLoader(dataset, SampleTransforms.For(Split.Train, 12), new LoaderOptions { BatchSize = 5 });
        using var batch = loader.Single();
        batch.L.shape.Should().Equal(5, 1, 12, 12);
        batch.Ab.shape.Should().Equal(5, 2, 12, 12);
        (batch.L.dtype, batch.Ab.dtype).Should().Be((ScalarType.Float32, ScalarType.Float32));
        batch.L.data<float>().ToArray().Should().OnlyContain(l => l >= 0 && l <= 100.001f);
        batch.Ab.data<float>().ToArray().Should().OnlyContain(v => v >= -130 && v <= 130).And.Contain(v => Math.Abs(v) > 10);
    }

    [Test]
    public void Translation_fills_the_border_by_reflection()
    {
        // One row of 4 pixels, values 0..3 in the red channel, shifted right by 1: 1 0 1 2.
        var pixels = new byte[4 * 4 * 3];
        for (var y = 0; y < 4; y++)
            for (var x = 0; x < 4; x++)
                pixels[(y * 4 + x) * 3] = (byte)x;
        var shifted = RgbPixels.Translate(pixels, 4, dx: 1, dy: 0);
        Enumerable.Range(0, 4).Select(x => shifted[x * 3]).Should().Equal(1, 0, 1, 2);
    }
}
