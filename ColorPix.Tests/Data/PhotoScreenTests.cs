using ColorPix.Core.Data;
using ColorPix.Core.Imaging;
using ColorPix.Core.Metrics;

namespace ColorPix.Tests.Data;

public class PhotoScreenTests
{
    [Test]
    public void A_flat_colour_illustration_is_rejected()
    {
        var statistics = PhotoStatistics.Measure(SyntheticPictures.FlatIllustration(), 256, 192);

        statistics.PaletteShare.Should().Be(1);
        PhotoScreen.Reject(statistics, 256, 192).Should().Be("illustration: 16 colours cover 100% of the pixels");
    }

    [Test]
    public void A_smooth_noise_free_gradient_is_rejected_as_a_render()
    {
        var statistics = PhotoStatistics.Measure(SyntheticPictures.Gradient(), 256, 192);

        statistics.SmoothShare.Should().Be(1);
        statistics.NoiseFloor.Should().BeLessThan(PhotoScreen.RenderNoiseFloor, "only 8-bit rounding steps");
        PhotoScreen.Reject(statistics, 256, 192).Should().Be("render: 100% of the pixels smooth");
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void A_noisy_photo_like_picture_is_kept(int seed)
    {
        var statistics = PhotoStatistics.Measure(SyntheticPictures.PhotoLike(seed), 256, 192);

        PhotoScreen.Reject(statistics, 256, 192).Should().BeNull(statistics.ToString());
        statistics.NoiseFloor.Should().BeGreaterThan(1);
        statistics.SmoothShare.Should().BeLessThan(0.1);
    }

    [Test]
    public void A_near_gray_picture_is_rejected_by_colorfulness_though_its_channels_differ()
    {
        var pixels = SyntheticPictures.NearGray(seed: 4);
        using (var image = Image.FromPixels(pixels, 256, 192, 3))
            SourceImageScreen.IsGrayscale(image).Should().BeFalse("R, G and B differ by 4 levels");

        var statistics = PhotoStatistics.Measure(pixels, 256, 192);

        statistics.Colorfulness.Should().BeLessThan(PhotoScreen.MinColorfulness);
        PhotoScreen.Reject(statistics, 256, 192).Should().StartWith("near-gray: colorfulness ");
    }

    [Test]
    public void Colorfulness_is_the_metric_the_evaluation_reports()
    {
        var pixels = SyntheticPictures.PhotoLike(seed: 5);
        using var image = SyntheticPictures.ToImage(pixels);
        using var batch = ImageTensors.RgbBatch(image);

        var reference = ColorizationMetrics.Colorfulness(batch)[0];

        PhotoStatistics.Measure(pixels, 256, 192).Colorfulness.Should().BeApproximately(reference, 0.01);
        reference.Should().BeGreaterThan(30);
    }

    [Test]
    public void Pictures_smaller_than_a_training_crop_are_rejected()
    {
        var statistics = PhotoStatistics.Measure(SyntheticPictures.PhotoLike(1, 200, 100), 200, 100);
        PhotoScreen.Reject(statistics, 200, 100).Should().Be("too small: 200x100");
    }

    [Test]
    public void A_resized_re_encoded_copy_hashes_close_and_another_picture_far()
    {
        using var original = SyntheticPictures.ToImage(SyntheticPictures.PhotoLike(7));
        using var smaller = original.Resize(128, 96);
        using var reencoded = Image.Decode(smaller.Encode(ImageFormat.Jpeg, 80));
        using var other = SyntheticPictures.ToImage(SyntheticPictures.PhotoLike(8));

        var hash = PerceptualHash.DHash(original);

        PerceptualHash.Distance(hash, PerceptualHash.DHash(reencoded)).Should().BeLessThanOrEqualTo(PerceptualHash.SameImageDistance);
        PerceptualHash.Distance(hash, PerceptualHash.DHash(other)).Should().BeGreaterThan(PerceptualHash.SameImageDistance);
    }
}
