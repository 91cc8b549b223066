using ColorPix.Core.Metrics;

namespace ColorPix.Training.Registry;

/// <summary>
/// How the scheduled selection decides. A version's score against the champion is its AuC gain on the same held-out
/// split, plus <see cref="AucPerStar"/> points per star of mean user rating gained, counted only when both versions
/// have at least <see cref="MinRatings"/> ratings (fewer say more about who rated than about the model).
/// A challenger is promoted only when its score exceeds <see cref="Margin"/>: a tie, or a gain within the margin, keeps
/// the champion (a swap has a cost and noise must not flip the service back and forth).
/// <para>AuC and PSNR reward caution: a network that barely colors scores close to the gray baseline, often above a
/// network that colors and is sometimes wrong. So a challenger must also color: its mean colorfulness (Hasler-Süsstrunk)
/// on the split must reach <see cref="MinColorfulness"/> (15, the corpus builder's near-gray threshold), or it is not
/// eligible whatever its AuC.</para>
/// </summary>
public sealed record SelectionRules(double Margin = 0.5, int MinRatings = 20, double AucPerStar = 2.0, double MinColorfulness = 15)
{
    public IEnumerable<string> Problems()
    {
        if (!(MinColorfulness >= 0)) yield return "MinColorfulness must be 0 or more";
        if (!(Margin >= 0)) yield return "Margin must be 0 or more (AuC points)";
        if (MinRatings < 1) yield return "MinRatings must be at least 1";
        if (!(AucPerStar >= 0)) yield return "AucPerStar must be 0 or more";
    }
}

/// <summary>A version in the running: its evaluation on the selection split and its users' ratings.</summary>
public sealed record Contender(string Version, EvaluationSummary Evaluation, double? MeanStars, long Ratings);

/// <summary>One contender's numbers in a decision (what administrators and the MLflow run see).</summary>
public sealed record ContenderScore(string Version, string Role, double Auc, double Psnr, double Colorfulness, double? MeanStars, long Ratings,
    bool RatingsCounted, double Score, bool Eligible);

/// <summary>The outcome: promote <see cref="Winner"/> or keep the champion, with the reason in words and every number.</summary>
public sealed record SelectionDecision(bool Promote, string? Winner, string Reason, IReadOnlyList<ContenderScore> Scores);

public static class ChampionSelection
{
    /// <summary>Picks the best challenger and promotes it if it beats the champion by more than the margin. Without a
    /// champion the best challenger is promoted; without challengers nothing happens.</summary>
    public static SelectionDecision Decide(Contender? champion, IReadOnlyList<Contender> challengers, SelectionRules rules)
    {
        var scores = new List<ContenderScore>();
        if (champion is not null) scores.Add(Score(champion, champion, "champion", rules));
        scores.AddRange(challengers.Select(c => Score(c, champion, "challenger", rules)));
        var ranked = scores.Where(s => s.Role == "challenger").OrderByDescending(s => s.Score).ThenBy(s => s.Version, StringComparer.Ordinal).ToList();
        if (ranked.Count == 0) return new SelectionDecision(false, null, "no challenger to evaluate", scores);
        var best = ranked.FirstOrDefault(s => s.Eligible);
        if (best is null)
            return new SelectionDecision(false, null, $"no challenger colors enough to serve (colorfulness below {rules.MinColorfulness:F0}: " +
                string.Join(", ", ranked.Select(s => $"{s.Version} {s.Colorfulness:F1}")) + ")" + (champion is null ? "" : $"; champion {champion.Version} kept"), scores);
        if (champion is null)
            return new SelectionDecision(true, best.Version, $"no champion: {best.Version} has the best AuC ({best.Auc:F2}%)", scores);

        var ratings = best.RatingsCounted ? $", ratings {best.MeanStars:F2} vs {scores[0].MeanStars:F2} stars"
            : $", ratings not counted (fewer than {rules.MinRatings} for one of them)";
        var numbers = $"AuC {best.Auc:F2}% vs {scores[0].Auc:F2}%{ratings}: score {best.Score:+0.00;-0.00;0.00}, margin {rules.Margin:F2}";
        return best.Score > rules.Margin
            ? new SelectionDecision(true, best.Version, $"{best.Version} beats champion {champion.Version}: {numbers}", scores)
            : new SelectionDecision(false, null, $"champion {champion.Version} kept, best challenger {best.Version} does not beat it by more than the margin: {numbers}", scores);
    }

    private static ContenderScore Score(Contender contender, Contender? champion, string role, SelectionRules rules)
    {
        var counted = champion is not null && contender.Ratings >= rules.MinRatings && champion.Ratings >= rules.MinRatings
            && contender.MeanStars is not null && champion.MeanStars is not null;
        var score = champion is null ? contender.Evaluation.Auc
            : contender.Evaluation.Auc - champion.Evaluation.Auc + (counted ? rules.AucPerStar * (contender.MeanStars!.Value - champion.MeanStars!.Value) : 0);
        return new ContenderScore(contender.Version, role, contender.Evaluation.Auc, contender.Evaluation.Psnr, contender.Evaluation.Colorfulness,
            contender.MeanStars, contender.Ratings, counted, score, contender.Evaluation.Colorfulness >= rules.MinColorfulness);
    }
}
