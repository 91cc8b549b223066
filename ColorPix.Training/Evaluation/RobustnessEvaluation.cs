using ColorPix.Core.Data;
using ColorPix.Core.Inference;
using ColorPix.Core.Metrics;
using ColorPix.Core.Models;
using static TorchSharp.torch;

namespace ColorPix.Training.Evaluation;

/// <summary>
/// Scores models and the gray baseline on a split at full resolution, as the service returns its images, on the
/// clean gray photo and on each damaged copy of it: for every photo, its gray (<see cref="GrayInput"/>) is damaged by
/// each perturbation, colorized by each model (<see cref="Colorizer.Colorize"/>) and compared with the clean colour
/// original (<see cref="PhotoScores"/>). The gray baseline's output is the input itself (its own L, a = b = 0).
/// One photo is in memory at a time: the original, its gray, one damaged copy and one result.
/// </summary>
public static class RobustnessEvaluation
{
    /// <param name="models">Columns after the gray baseline, by name.</param>
    /// <param name="seed">Seeds each photo's damage, so a report is reproducible and every model sees the same damage.</param>
    public static RobustnessReport Run(IReadOnlyList<(string Name, ColorizationModel Model)> models, ImageFolderDataset dataset, Split split,
        IReadOnlyList<Perturbation> perturbations, int seed = 0, Device? device = null, CancellationToken cancellation = default)
    {
        var conditions = new List<(string, string, string)> { (RobustnessReport.CleanKey, "", RobustnessReport.CleanKey) };
        conditions.AddRange(perturbations.Select(p => (p.Name, p.Strength, p.Key)));
        var accumulator = new RobustnessAccumulator([RobustnessReport.GrayPredictor, .. models.Select(m => m.Name)], conditions);
        var skipped = new List<string>();
        for (var index = 0; index < dataset.Count; index++)
        {
            cancellation.ThrowIfCancellationRequested();
            using var original = dataset.TryLoad(index, out var rejection);
            if (original is null)
            {
                skipped.Add($"{dataset.Entries[index].Path}: {rejection}");
                continue;
            }
            using var gray = GrayInput.Of(original);
            accumulator.AddOriginal(PhotoScores.ColorfulnessOf(original));
            for (var condition = 0; condition < conditions.Count; condition++)
            {
                using var damaged = condition == 0 ? null : perturbations[condition - 1].Apply(gray, DamageRandom(seed, index, condition));
                var input = damaged ?? gray;
                accumulator.Add(condition, 0, PhotoScores.Compute(input, original));
                for (var m = 0; m < models.Count; m++)
                {
                    using var colorized = Colorizer.Colorize(models[m].Model, input, device);
                    accumulator.Add(condition, m + 1, PhotoScores.Compute(colorized, original));
                }
            }
        }
        return accumulator.Report(split.ToString().ToLowerInvariant(), skipped);
    }

    // A fixed function of (seed, photo, condition), not HashCode (randomised per process): a seeded System.Random
    // gives the same draws on every run.
    private static Random DamageRandom(int seed, int image, int condition) => new(unchecked(seed * 15485863 + image * 7919 + condition));
}
