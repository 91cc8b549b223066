using ColorPix.Core.Metrics;
using ColorPix.Training.Registry;

namespace ColorPix.Tests.Registry;

public class ChampionSelectionTests
{
    private static readonly SelectionRules Rules = new(Margin: 0.5, MinRatings: 20, AucPerStar: 2.0);

    private static Contender Version(string name, double auc, double? stars = null, long ratings = 0, double colorfulness = 30) =>
        new(name, new EvaluationSummary(AbMse: 100, Psnr: 20, Ssim: 0.9, Auc: auc, Colorfulness: colorfulness, ImageCount: 10), stars, ratings);

    [Test]
    public void The_better_challenger_is_promoted_and_the_reason_gives_both_scores()
    {
        var decision = ChampionSelection.Decide(Version("champ", 85), [Version("worse", 84), Version("better", 87)], Rules);

        decision.Promote.Should().BeTrue();
        decision.Winner.Should().Be("better");
        decision.Reason.Should().Contain("87.00%").And.Contain("85.00%").And.Contain("margin 0.50");
        decision.Scores.Select(s => (s.Version, s.Role, s.Score)).Should().Equal(("champ", "champion", 0.0), ("worse", "challenger", -1.0), ("better", "challenger", 2.0));
    }

    [Test]
    public void A_worse_challenger_is_refused()
    {
        var decision = ChampionSelection.Decide(Version("champ", 85), [Version("worse", 83)], Rules);

        (decision.Promote, decision.Winner).Should().Be((false, (string?)null));
        decision.Reason.Should().StartWith("champion champ kept");
    }

    [TestCase(85.0, TestName = "A tie keeps the champion")]
    [TestCase(85.5, TestName = "A gain equal to the margin keeps the champion")]
    [TestCase(85.49, TestName = "A gain within the margin keeps the champion")]
    public void Within_the_margin_the_champion_stays(double challengerAuc) =>
        ChampionSelection.Decide(Version("champ", 85), [Version("close", challengerAuc)], Rules).Promote.Should().BeFalse();

    [Test]
    public void Ratings_count_only_when_both_versions_have_enough_of_them()
    {
        // One AuC point better, but users like it a star less: with enough ratings it loses (1 - 2 = -1).
        var rated = ChampionSelection.Decide(Version("champ", 85, stars: 4, ratings: 20), [Version("new", 86, stars: 3, ratings: 25)], Rules);
        // The same with too few ratings for the challenger: AuC alone decides.
        var unrated = ChampionSelection.Decide(Version("champ", 85, stars: 4, ratings: 20), [Version("new", 86, stars: 3, ratings: 19)], Rules);

        (rated.Promote, rated.Scores[1].RatingsCounted, rated.Scores[1].Score).Should().Be((false, true, -1.0));
        (unrated.Promote, unrated.Scores[1].RatingsCounted, unrated.Scores[1].Score).Should().Be((true, false, 1.0));
        unrated.Reason.Should().Contain("ratings not counted (fewer than 20");
    }

    [Test]
    public void Without_a_champion_the_best_challenger_wins_and_without_challengers_nothing_happens()
    {
        ChampionSelection.Decide(null, [Version("a", 80), Version("b", 82)], Rules).Winner.Should().Be("b");
        ChampionSelection.Decide(Version("champ", 85), [], Rules).Should().Match<SelectionDecision>(d => !d.Promote && d.Reason == "no challenger to evaluate");
    }

    [Test]
    public void A_challenger_that_barely_colors_is_not_eligible_however_high_its_AuC()
    {
        var decision = ChampionSelection.Decide(Version("champ", 84), [Version("grayish", 87, colorfulness: 8), Version("colorful", 85, colorfulness: 25)], Rules);
        var onlyGray = ChampionSelection.Decide(Version("champ", 84), [Version("grayish", 87, colorfulness: 8)], Rules);

        decision.Winner.Should().Be("colorful", "the best eligible challenger, though another has a higher score");
        onlyGray.Promote.Should().BeFalse();
        onlyGray.Reason.Should().Be("no challenger colors enough to serve (colorfulness below 15: grayish 8.0); champion champ kept");
        onlyGray.Scores[1].Eligible.Should().BeFalse();
    }

    [Test]
    public void Bad_rules_are_named() =>
        new SelectionRules(Margin: -1, MinRatings: 0, AucPerStar: double.NaN, MinColorfulness: -1).Problems().Should().HaveCount(4);
}
