using ColorPix.Core.Data;

namespace ColorPix.Tests.Data;

/// <summary>The defect seen on a Debian wallpaper folder: a symbolic link and its target landed in different splits,
/// and the check then called the link changed, comparing the link's own size with its target's.</summary>
public class SymlinkManifestTests
{
    /// <summary>Twelve photos, each with a link beside it: with the link's split drawn from its own path, some pair
    /// would straddle two splits (each pair does with probability about 1/3).</summary>
    private static PhotoTree LinkedPhotos()
    {
        var tree = new PhotoTree();
        tree.Photos(12, "backgrounds");
        for (var i = 0; i < 12; i++)
            File.CreateSymbolicLink(Path.Combine(tree.Images, "backgrounds", $"default-{i:D2}.png"), $"photo{i:D2}.png");
        return tree;
    }

    [Test]
    public void A_link_is_recorded_with_its_targets_size_and_hash_in_its_targets_group_and_split()
    {
        using var tree = LinkedPhotos();

        var manifest = tree.Build();

        manifest.Entries.Should().HaveCount(24);
        for (var i = 0; i < 12; i++)
        {
            var link = manifest.Entries.Single(e => e.Path == $"backgrounds/default-{i:D2}.png");
            var target = manifest.Entries.Single(e => e.Path == $"backgrounds/photo{i:D2}.png");
            (link.Bytes, link.Sha256, link.Split).Should().Be((target.Bytes, target.Sha256, target.Split));
            link.Bytes.Should().Be(new FileInfo(Path.Combine(tree.Images, target.Path)).Length).And.BeGreaterThan(100);
            link.Group.Should().NotBeNull().And.Be(target.Group);
        }
        var group = manifest.Groups!.Single(g => g.Kept == "backgrounds/photo00.png");
        group.Members.Should().Equal(new GroupMember("backgrounds/default-00.png", "symbolic link to backgrounds/photo00.png"),
            new GroupMember("backgrounds/photo00.png", "kept"));
    }

    [Test]
    public void The_check_compares_a_link_with_its_target_and_reports_nothing_changed()
    {
        using var tree = LinkedPhotos();
        tree.Build();

        var report = DatasetCheck.Run(tree.ManifestPath());

        report.Problems.Should().BeEmpty();
        report.Failures.Should().NotContain(f => f.Contains("more than one split"));
        report.Duplicates.Should().HaveCount(12).And.OnlyContain(d => !d.SpansSplits);
    }

    [Test]
    public void A_changed_target_is_reported_through_its_link_and_a_dangling_link_as_missing()
    {
        using var tree = LinkedPhotos();
        tree.Build();
        tree.Color("backgrounds/photo03.png", seed: 99, width: 30);
        File.Delete(Path.Combine(tree.Images, "backgrounds", "photo05.png"));

        var problems = DatasetCheck.Run(tree.ManifestPath()).Problems;

        problems.Should().Contain(new FileProblem("backgrounds/default-03.png", FileProblemKind.SizeChanged));
        problems.Should().Contain(new FileProblem("backgrounds/default-05.png", FileProblemKind.Missing));
    }

    [Test]
    public void A_link_whose_split_a_folder_names_keeps_that_split_and_the_check_reports_the_straddle()
    {
        using var tree = new PhotoTree();
        tree.Photos(3, "train2017");
        tree.Photos(2, "val2017", firstSeed: 10);
        tree.Photos(1, "test2017", firstSeed: 20);
        File.CreateSymbolicLink(Path.Combine(tree.Images, "val2017", "link.png"), "../train2017/photo00.png");
        tree.Build();

        var report = DatasetCheck.Run(tree.ManifestPath());

        report.Problems.Should().BeEmpty("the link is compared with its target");
        report.Duplicates.Should().ContainSingle().Which.SpansSplits.Should().BeTrue();
    }

    [Test]
    public void A_split_by_quota_fills_the_test_split_first_and_is_reproducible()
    {
        var keys = Enumerable.Range(0, 50).Select(i => $"photo{i}").ToList();

        var splits = SplitAssigner.ByQuota(keys, 42, new SplitFractions(0.6, 0.15, 0.25), minTest: 30);

        splits.Values.Count(s => s == Split.Test).Should().Be(30);
        splits.Values.Count(s => s == Split.Val).Should().Be(8);
        SplitAssigner.ByQuota(Enumerable.Reverse(keys), 42, new SplitFractions(0.6, 0.15, 0.25), 30).Should().Equal(splits);
        var grown = SplitAssigner.ByQuota(keys.Append("photo50"), 42, new SplitFractions(0.6, 0.15, 0.25), 30);
        keys.Count(k => grown[k] != splits[k]).Should().BeLessThanOrEqualTo(2, "a new key moves at most the keys at the boundaries");
    }

    [Test]
    public void A_group_straddling_two_splits_fails_the_check()
    {
        using var tree = LinkedPhotos();
        var manifest = tree.Build();
        var link = manifest.Entries.Single(e => e.Path == "backgrounds/default-00.png");
        var moved = manifest with
        {
            Entries = manifest.Entries.Select(e => e == link ? e with { Split = e.Split == Split.Test ? Split.Train : Split.Test } : e).ToList(),
        };
        moved = moved with { Counts = SplitCounts.Of(moved.Entries, 0) };
        moved.Save(tree.ManifestPath());

        DatasetCheck.Run(tree.ManifestPath()).Failures.Should().Contain("1 group(s) of one picture span more than one split");
    }
}
