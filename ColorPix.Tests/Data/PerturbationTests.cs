using ColorPix.Core.Data;
using ColorPix.Core.Imaging;
using ColorPix.Core.Inference;
using ColorPix.Training.Tracking;
using TorchSharp;

namespace ColorPix.Tests.Data;

public class PerturbationTests
{
    private static Image Flat(int width, int height, byte level, int channels = 1) =>
        Image.FromPixels(Enumerable.Repeat(level, width * height * channels).ToArray(), width, height, channels);

    /// <summary>Smooth random content (a running mean of noise along the rows), gray or RGB.</summary>
    private static Image Smooth(int width, int height, int channels = 1, int seed = 3)
    {
        var pixels = new byte[width * height * channels];
        new Random(seed).NextBytes(pixels);
        for (var i = channels; i < pixels.Length; i++) pixels[i] = (byte)((pixels[i] + 3 * pixels[i - channels]) / 4);
        return Image.FromPixels(pixels, width, height, channels);
    }

    /// <summary>The first colour sample of every pixel.</summary>
    private static double[] Levels(Image image) =>
        image.CopyPixels().Where((_, i) => i % image.Channels == 0).Select(v => (double)v).ToArray();

    private static double Mean(double[] values) => values.Average();
    private static double Std(double[] values)
    {
        var mean = Mean(values);
        return Math.Sqrt(values.Average(v => (v - mean) * (v - mean)));
    }

    private static double[] Residual(Image damaged, Image clean) => Levels(damaged).Zip(Levels(clean), (d, c) => d - c).ToArray();

    /// <summary>Correlation of each residual with its right-hand neighbour: about 0 for white noise.</summary>
    private static double NeighbourCorrelation(double[] residual, int width)
    {
        var pairs = residual.Select((v, i) => (v, i)).Where(p => p.i % width < width - 1).Select(p => (p.v, next: residual[p.i + 1])).ToList();
        var (meanA, meanB) = (pairs.Average(p => p.v), pairs.Average(p => p.next));
        var covariance = pairs.Average(p => (p.v - meanA) * (p.next - meanB));
        return covariance / Math.Sqrt(pairs.Average(p => (p.v - meanA) * (p.v - meanA)) * pairs.Average(p => (p.next - meanB) * (p.next - meanB)));
    }

    /// <summary>Mean squared difference of horizontally and vertically adjacent levels: the high-frequency energy.</summary>
    private static double Detail(Image image)
    {
        var levels = Levels(image);
        var (w, h) = (image.Width, image.Height);
        double sum = 0;
        for (var y = 0; y < h - 1; y++)
            for (var x = 0; x < w - 1; x++)
            {
                var v = levels[y * w + x];
                sum += Math.Pow(levels[y * w + x + 1] - v, 2) + Math.Pow(levels[(y + 1) * w + x] - v, 2);
            }
        return sum / ((w - 1) * (h - 1));
    }

    [TestCase(1)]
    [TestCase(3)]
    public void Noise_adds_zero_mean_deviations_of_sigma_levels_without_correlation(int channels)
    {
        using var gray = Flat(200, 200, 128, channels);
        using var noisy = new GaussianNoise(10).Apply(gray, new Random(1));

        var residual = Residual(noisy, gray);
        Std(residual).Should().BeApproximately(10, 0.25);
        Mean(residual).Should().BeApproximately(0, 0.15);
        NeighbourCorrelation(residual, 200).Should().BeInRange(-0.03, 0.03);
        gray.CopyPixels().Should().OnlyContain(v => v == 128, "Apply leaves its source alone");
    }

    [Test]
    public void Damage_of_a_colour_image_changes_brightness_alone()
    {
        // Mid-range colours, so that no channel clips: R - G and G - B stay exactly as they were.
        var pixels = new byte[64 * 64 * 3];
        for (var i = 0; i < pixels.Length; i += 3) (pixels[i], pixels[i + 1], pixels[i + 2]) = ((byte)(110 + i % 30), 128, (byte)(140 - i % 20));
        using var photo = Image.FromPixels(pixels, 64, 64, 3);
        foreach (var perturbation in new Perturbation[] { new GaussianNoise(5), new FilmGrain(5) })
        {
            using var damaged = perturbation.Apply(photo, new Random(2));
            var after = damaged.CopyPixels();
            after.Should().NotEqual(pixels, perturbation.ToString());
            for (var i = 0; i < after.Length; i += 3)
            {
                (after[i] - after[i + 1]).Should().Be(pixels[i] - pixels[i + 1], perturbation.ToString());
                (after[i + 1] - after[i + 2]).Should().Be(pixels[i + 1] - pixels[i + 2], perturbation.ToString());
            }
        }
    }

    [Test]
    public void Grain_is_noise_of_sigma_levels_in_the_midtones_clumped_into_grains_and_weaker_in_the_shadows()
    {
        using var mid = Flat(256, 256, 128);
        using var dark = Flat(256, 256, 40);
        var grain = new FilmGrain(12, Size: 1.5);
        using var midGrain = grain.Apply(mid, new Random(3));
        using var darkGrain = grain.Apply(dark, new Random(3));

        var residual = Residual(midGrain, mid);
        Std(residual).Should().BeApproximately(12, 1.2);
        Mean(residual).Should().BeApproximately(0, 0.5);
        NeighbourCorrelation(residual, 256).Should().BeGreaterThan(0.6, "a 1.5 px grain spans neighbouring pixels");
        // Amplitude 0.5 + 2 t (1 - t): 1 at t = 0.5, 0.765 at level 40.
        (Std(Residual(darkGrain, dark)) / Std(residual)).Should().BeApproximately(0.765, 0.05);
    }

    [Test]
    public void Blur_spreads_one_point_into_the_sampled_gaussian()
    {
        using var point = Flat(41, 41, 0);
        point.WritableRow(20)[20] = 255;
        new GaussianBlur(2).ApplyInPlace(point, new Random(0));

        // sigma 2: radius 6, weights exp(-x^2/8) normalised; the 2-D response is their outer product.
        var weights = Enumerable.Range(-6, 13).Select(x => Math.Exp(-x * x / 8.0)).ToArray();
        var total = weights.Sum();
        for (var dy = -8; dy <= 8; dy++)
            for (var dx = -8; dx <= 8; dx++)
            {
                var expected = Math.Abs(dx) > 6 || Math.Abs(dy) > 6 ? 0 : 255 * weights[dy + 6] / total * weights[dx + 6] / total;
                ((double)point.Row(20 + dy)[20 + dx]).Should().BeApproximately(expected, 0.51, $"at ({dx}, {dy})");
            }
    }

    [TestCase(1)]
    [TestCase(3)]
    public void Blur_removes_high_frequency_detail_and_keeps_the_mean(int channels)
    {
        using var photo = Smooth(120, 90, channels);
        using var soft = new GaussianBlur(1.5).Apply(photo, new Random(0));

        Detail(soft).Should().BeLessThan(Detail(photo) * 0.1);
        Mean(Levels(soft)).Should().BeApproximately(Mean(Levels(photo)), 0.5);
        using var flat = Flat(30, 20, 77, channels);
        using var flatSoft = new GaussianBlur(3).Apply(flat, new Random(0));
        flatSoft.CopyPixels().Should().OnlyContain(v => v == 77, "a constant image stays constant, borders included");
    }

    [Test]
    public void Blur_wider_than_the_image_stays_inside_it()
    {
        using var tiny = Smooth(3, 2);
        using var soft = new GaussianBlur(4).Apply(tiny, new Random(0));
        soft.CopyPixels().Should().HaveCount(6).And.OnlyContain(v => v >= tiny.CopyPixels().Min() && v <= tiny.CopyPixels().Max());
    }

    [TestCase(1)]
    [TestCase(3)]
    public void Jpeg_artefacts_of_a_gray_photo_grow_as_the_quality_drops(int channels)
    {
        using var gray = Smooth(96, 64);
        using var photo = channels == 1 ? Image.FromPixels(gray.CopyPixels(), 96, 64, 1)
            : Image.FromPixels(gray.CopyPixels().SelectMany(v => new[] { v, v, v }).ToArray(), 96, 64, 3);
        double Error(int quality)
        {
            using var compressed = new JpegArtifacts(quality).Apply(photo, new Random(0));
            (compressed.Width, compressed.Height, compressed.Channels).Should().Be((96, 64, channels));
            return Residual(compressed, photo).Average(Math.Abs);
        }
        var (q95, q50, q10) = (Error(95), Error(50), Error(10));

        q95.Should().BeGreaterThan(0, "a JPEG round trip changes the pixels").And.BeLessThan(3);
        q50.Should().BeGreaterThan(q95);
        q10.Should().BeGreaterThan(q50 * 1.3);
    }

    [Test]
    public void Lower_jpeg_quality_makes_smaller_files()
    {
        using var photo = Smooth(96, 64);
        photo.Encode(ImageFormat.Jpeg, 10).Length.Should().BeLessThan(photo.Encode(ImageFormat.Jpeg, 50).Length)
            .And.BeLessThan(photo.Encode(ImageFormat.Jpeg, 95).Length / 2);
    }

    [Test]
    public void Fade_maps_black_to_the_lift_and_scales_contrast()
    {
        using var photo = Smooth(64, 64);
        using var faded = new Fade(0.6, 60).Apply(photo, new Random(0));

        (Std(Levels(faded)) / Std(Levels(photo))).Should().BeApproximately(0.6, 0.01);
        Mean(Levels(faded)).Should().BeApproximately(60 + 0.6 * Mean(Levels(photo)), 0.5);
        using var ramp = Image.FromPixels(Enumerable.Range(0, 256).Select(v => (byte)v).ToArray(), 256, 1, 1);
        new Fade(0.6, 60).ApplyInPlace(ramp, new Random(0));
        (ramp.Row(0)[0], ramp.Row(0)[255]).Should().Be(((byte)60, (byte)213));
        ramp.CopyPixels().Should().BeInAscendingOrder();
    }

    [Test]
    public void Fade_that_would_push_white_past_255_is_refused()
    {
        FluentActions.Invoking(() => new Fade(0.8, 60)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => new JpegArtifacts(0)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => new GaussianBlur(0)).Should().Throw<ArgumentOutOfRangeException>();
    }

    private static IEnumerable<Perturbation> All() => Perturbations.Evaluation;

    [TestCaseSource(nameof(All))]
    public void Each_damage_is_the_same_for_the_same_seed_and_changes_the_image(Perturbation perturbation)
    {
        using var photo = Smooth(80, 70, channels: 3);
        using var first = perturbation.Apply(photo, new Random(5));
        using var again = perturbation.Apply(photo, new Random(5));

        again.CopyPixels().Should().Equal(first.CopyPixels());
        first.CopyPixels().Should().NotEqual(photo.CopyPixels());
        if (perturbation is GaussianNoise or FilmGrain or Damages)
        {
            using var other = perturbation.Apply(photo, new Random(6));
            other.CopyPixels().Should().NotEqual(first.CopyPixels(), "another seed draws other noise");
        }
    }

    [Test]
    public void Damages_print_their_name_and_strength_and_have_distinct_metric_keys()
    {
        new GaussianNoise(10).ToString().Should().Be("noise σ=10");
        new GaussianBlur(1.5).ToString().Should().Be("blur σ=1.5px");
        new JpegArtifacts(20).ToString().Should().Be("jpeg q=20");
        new Fade(0.6, 60).ToString().Should().Be("fade contrast=0.6 lift=60");
        new FilmGrain(12).ToString().Should().Be("grain σ=12 size=1.5px");
        new GaussianNoise(10).Key.Should().Be("noise_s10");
        Perturbations.OldPrint.ToString().Should().StartWith("old print fade contrast=0.75 lift=40 + blur σ=1px + grain");

        Perturbations.Evaluation.Select(p => p.Key).Should().OnlyHaveUniqueItems().And.NotContain("clean");
        foreach (var key in Perturbations.Evaluation.Select(p => p.Key))
            FluentActions.Invoking(() => MlflowNames.ValidateKey("metric", "gray_auc." + key)).Should().NotThrow();
    }

    [Test]
    public void Random_old_prints_draw_every_kind_of_damage_within_valid_strengths()
    {
        var random = new Random(7);
        var kinds = new HashSet<Type>();
        for (var i = 0; i < 300; i++)
        {
            var damage = Perturbations.RandomOldPrint(random);
            IReadOnlyList<Perturbation> steps = damage is Damages d ? d.Steps : [damage];
            foreach (var step in steps) kinds.Add(step.GetType());
        }
        kinds.Should().BeEquivalentTo(new[] { typeof(GaussianNoise), typeof(FilmGrain), typeof(GaussianBlur), typeof(JpegArtifacts), typeof(Fade) });
    }

    [Test]
    public void The_gray_input_is_the_photos_lightness_as_the_service_renders_it()
    {
        using var photo = Smooth(70, 50, channels: 3);
        using var gray = GrayInput.Of(photo);
        using var rendered = Colorizer.Grayscale(photo);

        gray.Channels.Should().Be(1);
        var expected = rendered.CopyPixels().Where((_, i) => i % 3 == 0).ToArray();
        gray.CopyPixels().Zip(expected, (a, b) => Math.Abs(a - b)).Max().Should().BeLessThanOrEqualTo(1);
        using var crop = GrayInput.Crop(photo, 10, 5, 20, 30);
        crop.Row(7).ToArray().Should().Equal(gray.Row(12).Slice(10, 20).ToArray());
    }

    // --- training: the damage reaches the input L only ---

    private static ImageFolderDataset Dataset(PhotoTree tree, int count)
    {
        tree.Photos(count);
        return new ImageFolderDataset(tree.Images, tree.Build().Entries);
    }

    private static (float[] L, float[] Ab) Batch(ImageFolderDataset dataset, ISampleTransform transform)
    {
        using var loader = new BatchLoader(dataset, transform, new LoaderOptions { BatchSize = dataset.Count, Seed = 11, Workers = 1 });
        using var batch = loader.Single();
        return (batch.L.data<float>().ToArray(), batch.Ab.data<float>().ToArray());
    }

    [Test]
    public void A_damaged_training_batch_keeps_the_clean_ab_and_changes_L()
    {
        using var tree = new PhotoTree();
        var dataset = Dataset(tree, 4);
        var (cleanL, cleanAb) = Batch(dataset, new TrainTransform(16));
        var (damagedL, damagedAb) = Batch(dataset, new TrainTransform(16) { DamageProbability = 1, Damage = _ => new GaussianNoise(25) });

        damagedAb.Should().Equal(cleanAb, "the colours to learn are the clean photo's");
        damagedL.Zip(cleanL, (d, c) => Math.Abs(d - c)).Average().Should().BeGreaterThan(3, "the input is the damaged photo's lightness");
    }

    [Test]
    public void Without_damage_the_sample_is_the_clean_one()
    {
        using var photo = Smooth(60, 40, channels: 3);
        var plain = new TrainTransform(16);
        var sample = plain.Sample(photo, new Random(4));
        sample.DamagedRgb.Should().BeNull();
        sample.Rgb.Should().Equal(plain.Apply(photo, new Random(4)));

        var damaging = plain with { DamageProbability = 1, Damage = _ => new Fade(0.5, 0) };
        var damaged = damaging.Sample(photo, new Random(4));
        damaged.Rgb.Should().Equal(sample.Rgb, "the damage draws come after the augmentation's");
        damaged.DamagedRgb.Should().HaveCount(16 * 16 * 3).And.OnlyContain(v => v <= 128, "halved contrast from black");
        damaged.DamagedRgb!.Chunk(3).Should().OnlyContain(p => p[0] == p[1] && p[1] == p[2], "the input is a gray photo");
    }

    [Test]
    public void Damage_probability_damages_that_share_of_samples()
    {
        using var photo = Smooth(40, 30, channels: 3);
        var transform = new TrainTransform(8) { DamageProbability = 0.3, Damage = _ => new Fade(0.9, 10) };
        var damaged = Enumerable.Range(0, 400).Count(seed => transform.Sample(photo, new Random(seed)).DamagedRgb is not null);
        damaged.Should().BeInRange(90, 150);
        FluentActions.Invoking(() => new TrainTransform(8) { DamageProbability = 1.5 }).Should().Throw<ArgumentOutOfRangeException>();
    }
}
