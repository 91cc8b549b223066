using ColorPix.Core.Imaging;

namespace ColorPix.Core.Data;

/// <summary>
/// The damages of old prints (the method of the denoising-autoencoder report: train on clean and damaged copies,
/// score each damage on its own): <see cref="Evaluation"/> is the set <c>eval --robustness</c> reports, one row each,
/// and <see cref="RandomOldPrint"/> draws the damage of a training sample.
/// </summary>
public static class Perturbations
{
    /// <summary>One row per damage in the robustness report, at strengths an old print shows at scan resolution.</summary>
    public static IReadOnlyList<Perturbation> Evaluation { get; } =
    [
        new GaussianNoise(10),
        new FilmGrain(12),
        new GaussianBlur(2),
        new JpegArtifacts(20),
        new Fade(0.6, 60),
        OldPrint,
    ];

    /// <summary>All of it at once, milder each: a faded, slightly soft, grainy print scanned to a small JPEG.</summary>
    public static Perturbation OldPrint => new Damages([new Fade(0.75, 40), new GaussianBlur(1), new FilmGrain(8), new JpegArtifacts(40)]);

    /// <summary>
    /// A training sample's damage: fading, blur, noise or grain, and JPEG, each present half the time (at least one),
    /// in the order they happen to a print (it fades, is photographed through a lens, on grainy film or a noisy
    /// sensor, and saved as JPEG), with strengths around and beyond <see cref="Evaluation"/>'s.
    /// </summary>
    public static Perturbation RandomOldPrint(Random random)
    {
        var steps = new List<Perturbation>(4);
        while (steps.Count == 0)
        {
            if (random.NextDouble() < 0.5)
            {
                var contrast = Uniform(random, 0.5, 0.9);
                steps.Add(new Fade(contrast, Uniform(random, 0, 255 * (1 - contrast))));
            }
            if (random.NextDouble() < 0.5) steps.Add(new GaussianBlur(Uniform(random, 0.5, 2.5)));
            var grain = random.NextDouble();
            if (grain < 0.25) steps.Add(new GaussianNoise(Uniform(random, 3, 20)));
            else if (grain < 0.5) steps.Add(new FilmGrain(Uniform(random, 4, 20), Uniform(random, 1, 2)));
            if (random.NextDouble() < 0.5) steps.Add(new JpegArtifacts(random.Next(15, 76)));
        }
        return steps.Count == 1 ? steps[0] : new Damages(steps);
    }

    private static double Uniform(Random random, double low, double high) => low + (high - low) * random.NextDouble();
}

/// <summary>Sensor noise: every pixel's level moves by a draw of N(0, sigma^2), independently.</summary>
/// <param name="Sigma">Standard deviation in levels (0..255).</param>
public sealed record GaussianNoise(double Sigma) : Perturbation
{
    public double Sigma { get; } = Sigma >= 0 ? Sigma : throw new ArgumentOutOfRangeException(nameof(Sigma), Sigma, "at least 0");

    public override string Name => "noise";
    public override string Strength => $"σ={Number(Sigma)}";
    public override string Key => $"noise_s{Number(Sigma)}";

    public override void ApplyInPlace(Image image, Random random)
    {
        var normal = new NormalDraws(random);
        var deltas = new float[image.Width];
        var (step, samples) = (image.BytesPerPixel, Samples(image));
        for (var y = 0; y < image.Height; y++)
        {
            normal.Fill(deltas, (float)Sigma);
            var row = image.WritableRow(y);
            for (int x = 0, p = 0; x < deltas.Length; x++, p += step)
                for (var c = 0; c < samples; c++) row[p + c] = ToByte(row[p + c] + deltas[x]);
        }
    }
}

/// <summary>
/// Film grain: noise blurred to grains of about <paramref name="Size"/> pixels, scaled so its standard deviation is
/// <paramref name="Sigma"/> levels in the midtones and half that in the deepest shadows and brightest highlights
/// (amplitude 0.5 + 2 t (1 - t) for a level t in 0..1), where film shows its grain least.
/// </summary>
public sealed record FilmGrain(double Sigma, double Size = 1.5) : Perturbation
{
    public double Sigma { get; } = Sigma >= 0 ? Sigma : throw new ArgumentOutOfRangeException(nameof(Sigma), Sigma, "at least 0");
    public double Size { get; } = Size > 0 ? Size : throw new ArgumentOutOfRangeException(nameof(Size), Size, "above 0");

    public override string Name => "grain";
    public override string Strength => $"σ={Number(Sigma)} size={Number(Size)}px";
    public override string Key => $"grain_s{Number(Sigma)}_px{Number(Size)}";

    public override void ApplyInPlace(Image image, Random random)
    {
        var normal = new NormalDraws(random);
        // A normalised 2-D separable kernel k x k scales white noise's deviation by sum(k^2).
        var kernel = GaussianRows.Kernel(Size);
        var white = (float)(Sigma / kernel.Sum(w => (double)w * w));
        var grains = new GaussianRows(Size, image.Width, 1, image.Height);
        GaussianRows.RowSource noise = (_, destination) => normal.Fill(destination, white);
        var (step, samples) = (image.BytesPerPixel, Samples(image));
        for (var y = 0; y < image.Height; y++)
        {
            var grain = grains.Row(y, noise);
            var row = image.WritableRow(y);
            for (int x = 0, p = 0; x < image.Width; x++, p += step)
            {
                var level = samples == 1 ? row[p] : (row[p] + row[p + 1] + row[p + 2]) / 3.0;
                var t = level / 255;
                var delta = grain[x] * (0.5 + 2 * t * (1 - t));
                for (var c = 0; c < samples; c++) row[p + c] = ToByte(row[p + c] + delta);
            }
        }
    }
}

/// <summary>Defocus or motion softness: a Gaussian blur of <paramref name="Sigma"/> pixels, borders mirrored.</summary>
public sealed record GaussianBlur(double Sigma) : Perturbation
{
    public double Sigma { get; } = Sigma > 0 ? Sigma : throw new ArgumentOutOfRangeException(nameof(Sigma), Sigma, "above 0");

    public override string Name => "blur";
    public override string Strength => $"σ={Number(Sigma)}px";
    public override string Key => $"blur_s{Number(Sigma)}";

    public override void ApplyInPlace(Image image, Random random)
    {
        var (step, samples) = (image.BytesPerPixel, Samples(image));
        var rows = new GaussianRows(Sigma, image.Width, samples, image.Height);
        GaussianRows.RowSource read = (y, destination) =>
        {
            var row = image.Row(y);
            for (int x = 0, p = 0; x < image.Width; x++, p += step)
                for (var c = 0; c < samples; c++) destination[x * samples + c] = row[p + c];
        };
        for (var y = 0; y < image.Height; y++)
        {
            var blurred = rows.Row(y, read);
            var row = image.WritableRow(y);
            for (int x = 0, p = 0; x < image.Width; x++, p += step)
                for (var c = 0; c < samples; c++) row[p + c] = ToByte(blurred[x * samples + c]);
        }
    }
}

/// <summary>JPEG artefacts: the image saved as a JPEG of the given quality (1..100) and read back.</summary>
public sealed record JpegArtifacts(int Quality) : Perturbation
{
    public int Quality { get; } = Quality is >= 1 and <= 100 ? Quality : throw new ArgumentOutOfRangeException(nameof(Quality), Quality, "1..100");

    public override string Name => "jpeg";
    public override string Strength => $"q={Quality}";
    public override string Key => $"jpeg_q{Quality}";

    public override void ApplyInPlace(Image image, Random random)
    {
        var encoded = image.Encode(ImageFormat.Jpeg, Quality);
        using var decoded = Image.Decode(encoded, new ImageDecodeOptions { KeepGray = image.Channels == 1 });
        if ((decoded.Width, decoded.Height, decoded.Channels) != (image.Width, image.Height, image.Channels))
            throw new InvalidOperationException($"the JPEG of {image} decoded as {decoded}");
        decoded.Pixels.CopyTo(image.Pixels);
    }
}

/// <summary>
/// A faded print: levels mapped linearly so black becomes <paramref name="Lift"/> and white
/// <paramref name="Lift"/> + 255 x <paramref name="Contrast"/> (v' = lift + contrast v), the same for every channel:
/// a loss of density, not a colour cast.
/// </summary>
public sealed record Fade(double Contrast, double Lift) : Perturbation
{
    public double Contrast { get; } = Contrast is > 0 and <= 1 ? Contrast : throw new ArgumentOutOfRangeException(nameof(Contrast), Contrast, "in (0, 1]");
    public double Lift { get; } = Lift >= 0 && Lift + 255 * Contrast <= 255.0001 ? Lift
        : throw new ArgumentOutOfRangeException(nameof(Lift), Lift, $"0..{255 * (1 - Contrast):0.#}: white must stay within 255");

    public override string Name => "fade";
    public override string Strength => $"contrast={Number(Contrast)} lift={Number(Lift)}";
    public override string Key => $"fade_c{Number(Contrast)}_l{Number(Lift)}";

    public override void ApplyInPlace(Image image, Random random)
    {
        var levels = new byte[256];
        for (var v = 0; v < levels.Length; v++) levels[v] = ToByte(Lift + Contrast * v);
        var (step, samples) = (image.BytesPerPixel, Samples(image));
        for (var y = 0; y < image.Height; y++)
        {
            var row = image.WritableRow(y);
            for (var p = 0; p < row.Length; p += step)
                for (var c = 0; c < samples; c++) row[p + c] = levels[row[p + c]];
        }
    }
}

/// <summary>Several damages, applied in order to the same image (as an "old print").</summary>
public sealed record Damages(IReadOnlyList<Perturbation> Steps) : Perturbation
{
    public IReadOnlyList<Perturbation> Steps { get; } = Steps.Count > 0 ? Steps : throw new ArgumentException("at least one damage", nameof(Steps));

    public override string Name => "old print";
    public override string Strength => string.Join(" + ", Steps);
    public override string Key => "oldprint_" + string.Join("_", Steps.Select(s => s.Key));

    public override void ApplyInPlace(Image image, Random random)
    {
        foreach (var step in Steps) step.ApplyInPlace(image, random);
    }
}
