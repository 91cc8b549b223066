using ColorPix.Core.Data;

namespace ColorPix.Tests.Data;

public class SplitTests
{
    [Test]
    public void The_same_seed_gives_the_same_manifest()
    {
        using var tree = new PhotoTree();
        tree.Photos(30);
        var first = tree.Build();
        var second = tree.Build();
        second.Entries.Should().Equal(first.Entries);
        second.Counts.Should().Be(first.Counts);
    }

    [Test]
    public void Another_seed_gives_other_splits()
    {
        using var tree = new PhotoTree();
        tree.Photos(30);
        var seed1 = tree.Build(options: new ManifestOptions { Seed = 1 }).Entries.Select(e => e.Split);
        var seed2 = tree.Build(options: new ManifestOptions { Seed = 2 }).Entries.Select(e => e.Split);
        seed2.Should().NotEqual(seed1);
    }

    [Test]
    public void Adding_files_keeps_every_existing_file_in_its_split()
    {
        using var tree = new PhotoTree();
        tree.Photos(30);
        var before = tree.Build().Entries.ToDictionary(e => e.Path, e => e.Split);
        tree.Photos(40, firstSeed: 30);
        tree.Photos(5, folder: "aaa-sorted-first");
        var after = tree.Build().Entries.ToDictionary(e => e.Path, e => e.Split);
        after.Should().HaveCount(75);
        foreach (var (path, split) in before) after[path].Should().Be(split, path);
    }

    [Test]
    public void Hashed_splits_follow_the_fractions()
    {
        var paths = Enumerable.Range(0, 10_000).Select(i => $"train-like/{i}.jpg");
        var counts = paths.GroupBy(p => SplitAssigner.Hashed(p, 7, new SplitFractions(0.7, 0.2, 0.1)))
            .ToDictionary(g => g.Key, g => g.Count());
        counts[Split.Train].Should().BeInRange(6800, 7200);
        counts[Split.Val].Should().BeInRange(1850, 2150);
        counts[Split.Test].Should().BeInRange(900, 1100);
    }

    [TestCase("train2017/000000000009.jpg", Split.Train)]
    [TestCase("val2017/000000000139.jpg", Split.Val)]
    [TestCase("test2017/000000000001.jpg", Split.Test)]
    [TestCase("coco/Val2014/x.jpg", Split.Val)]
    [TestCase("mine/validation/x.png", Split.Val)]
    [TestCase("train/test/x.png", Split.Train)]
    public void Coco_folders_name_the_split(string path, Split expected) =>
        SplitAssigner.SplitNamedByFolder(path).Should().Be(expected);

    [TestCase("unlabeled2017/x.jpg")]
    [TestCase("trainings/x.jpg")]
    [TestCase("train2017.jpg")]
    public void Other_folders_name_no_split(string path) => SplitAssigner.SplitNamedByFolder(path).Should().BeNull();

    [Test]
    public void A_coco_tree_keeps_its_folder_splits_in_the_manifest()
    {
        using var tree = new PhotoTree();
        tree.Photos(3, "train2017");
        tree.Photos(2, "val2017", firstSeed: 10);
        tree.Photos(2, "test2017", firstSeed: 20);
        var manifest = tree.Build();
        manifest.Counts.Should().Be(new SplitCounts(3, 2, 2, 0));
        manifest.Entries.Where(e => e.Path.StartsWith("val2017/")).Should().OnlyContain(e => e.Split == Split.Val);
    }

    [Test]
    public void Fractions_must_sum_to_one() =>
        FluentActions.Invoking(() => new SplitFractions(0.8, 0.1, 0.2).Validate()).Should().Throw<ArgumentException>();
}
