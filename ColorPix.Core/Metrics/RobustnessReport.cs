using System.Text.Json;

namespace ColorPix.Core.Metrics;

/// <summary>
/// How predictors (the gray baseline and models) score at full resolution on clean and damaged inputs: one row per
/// condition, the first one clean. Serialised as camelCase JSON.
/// </summary>
/// <param name="Predictors">Column names, the gray baseline (<see cref="GrayPredictor"/>) first.</param>
/// <param name="Skipped">Files of the split that could not be scored (unreadable, grayscale), with the reason.</param>
/// <param name="OriginalColorfulness">The colour originals' mean colorfulness: what a model's is measured against.</param>
public sealed record RobustnessReport(string Split, int ImageCount, IReadOnlyList<string> Predictors, IReadOnlyList<RobustnessRow> Rows,
    IReadOnlyList<string> Skipped, double OriginalColorfulness)
{
    public const string GrayPredictor = "gray";
    public const string CleanKey = "clean";

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public RobustnessRow Clean => Rows[0];

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    public static RobustnessReport FromJson(string json) =>
        JsonSerializer.Deserialize<RobustnessReport>(json, JsonOptions) ?? throw new JsonException("the robustness report is null");
}

/// <param name="Name">The damage ("noise"), or "clean".</param>
/// <param name="Strength">Its strength ("σ=10"); empty for clean.</param>
/// <param name="Key">As metric keys use it: "clean", "noise_s10".</param>
/// <param name="Scores">Each predictor's means over the images, by predictor name.</param>
public sealed record RobustnessRow(string Name, string Strength, string Key, IReadOnlyDictionary<string, PhotoSummary> Scores)
{
    /// <summary>As tables print it: "clean", "noise σ=10".</summary>
    public string Condition => Strength.Length == 0 ? Name : $"{Name} {Strength}";
}

/// <summary>Means of <see cref="PhotoScores"/> over a split (PSNR capped at <see cref="MetricAccumulator.PsnrCapDb"/>).</summary>
public sealed record PhotoSummary(double AbMse, double Psnr, double Auc, double Colorfulness);

/// <summary>Sums <see cref="PhotoScores"/> per condition and predictor, image by image, into a <see cref="RobustnessReport"/>.</summary>
public sealed class RobustnessAccumulator
{
    private readonly IReadOnlyList<string> predictors;
    private readonly IReadOnlyList<(string Name, string Strength, string Key)> conditions;
    private readonly double[,,] sums;   // [condition, predictor, metric]
    private readonly int[,] counts;
    private double originalColorfulness;
    private int originals;

    /// <param name="conditions">Rows in order, the clean one first; keys must differ.</param>
    public RobustnessAccumulator(IReadOnlyList<string> predictors, IReadOnlyList<(string Name, string Strength, string Key)> conditions)
    {
        if (predictors.Count == 0 || conditions.Count == 0) throw new ArgumentException("a report needs predictors and conditions");
        if (predictors.Distinct().Count() != predictors.Count) throw new ArgumentException($"predictor names must differ: {string.Join(", ", predictors)}");
        if (conditions.Select(c => c.Key).Distinct().Count() != conditions.Count)
            throw new ArgumentException($"condition keys must differ: {string.Join(", ", conditions.Select(c => c.Key))}");
        (this.predictors, this.conditions) = (predictors, conditions);
        sums = new double[conditions.Count, predictors.Count, 4];
        counts = new int[conditions.Count, predictors.Count];
    }

    public void Add(int condition, int predictor, PhotoScores scores)
    {
        sums[condition, predictor, 0] += scores.AbMse;
        sums[condition, predictor, 1] += Math.Min(scores.Psnr, MetricAccumulator.PsnrCapDb);
        sums[condition, predictor, 2] += scores.Auc;
        sums[condition, predictor, 3] += scores.Colorfulness;
        counts[condition, predictor]++;
    }

    /// <summary>Counts one colour original by its colorfulness (<see cref="PhotoScores.ColorfulnessOf"/>), once per image.</summary>
    public void AddOriginal(double colorfulness)
    {
        originalColorfulness += colorfulness;
        originals++;
    }

    public RobustnessReport Report(string split, IReadOnlyList<string>? skipped = null)
    {
        var images = counts[0, 0];
        if (images == 0) throw new InvalidOperationException($"no image of the {split} split was scored: there is nothing to average");
        if (originals != images) throw new InvalidOperationException($"{originals} originals were counted for {images} images");
        var rows = conditions.Select((condition, c) => new RobustnessRow(condition.Name, condition.Strength, condition.Key,
            predictors.Select((name, p) =>
            {
                if (counts[c, p] != images) throw new InvalidOperationException($"{name} was scored on {counts[c, p]} images under {condition.Name}, not {images}");
                return (name, summary: new PhotoSummary(sums[c, p, 0] / images, sums[c, p, 1] / images, sums[c, p, 2] / images, sums[c, p, 3] / images));
            }).ToDictionary(s => s.name, s => s.summary))).ToList();
        return new RobustnessReport(split, images, predictors, rows, skipped ?? [], originalColorfulness / images);
    }
}
