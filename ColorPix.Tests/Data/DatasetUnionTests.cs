using ColorPix.Core.Data;

namespace ColorPix.Tests.Data;

public class DatasetUnionTests
{
    /// <summary>a: x train, y val, z test. b: u train, and z's very bytes under another name, in train.</summary>
    private static PhotoTree TwoParts()
    {
        var tree = new PhotoTree();
        Save(tree, "a", ("x.png", 1, Split.Train), ("y.png", 2, Split.Val), ("z.png", 3, Split.Test));
        Save(tree, "b", ("u.png", 4, Split.Train), ("copy-of-z.png", 3, Split.Train));
        return tree;
    }

    private static void Save(PhotoTree tree, string name, params (string File, int Seed, Split Split)[] files)
    {
        var entries = files.Select(f =>
        {
            var path = tree.Color($"{name}/{f.File}", f.Seed);
            return new ManifestEntry(f.File, new FileInfo(path).Length, ManifestBuilder.Sha256OfFile(path), f.Split, 24, 16);
        }).ToList();
        new DatasetManifest(name, $"images/{name}", 42, SplitFractions.Default, Built, SplitCounts.Of(entries, 0), entries, [])
            .Save(tree.ManifestPath(name));
    }

    private static readonly DateTimeOffset Built = new(2026, 3, 14, 0, 0, 0, TimeSpan.Zero);

    private static IEnumerable<string> Files(LoadedDataset dataset, Split split)
    {
        var images = ImageFolderDataset.Open(dataset, split);
        images.Problems.Should().BeEmpty("every rebased path must lead to its file");
        return Enumerable.Range(0, images.Count).Select(i => Path.GetRelativePath(images.Root, images.FullPath(i)));
    }

    [TestCase("a+b")]
    [TestCase("b+a")]
    public void A_union_takes_every_split_of_every_part_and_a_shared_picture_once_in_its_held_out_split(string data)
    {
        using var tree = TwoParts();

        var union = LoadedDataset.Open(data, tree.RepoRoot);

        union.Manifest.Name.Should().Be(data);
        Files(union, Split.Train).Should().BeEquivalentTo("a/x.png", "b/u.png");
        Files(union, Split.Val).Should().Equal("a/y.png");
        Files(union, Split.Test).Should().Equal("a/z.png");
        union.Manifest.Counts.Should().Be(new SplitCounts(2, 1, 1, 0));
    }

    [Test]
    public void A_part_named_twice_counts_once()
    {
        using var tree = TwoParts();

        var union = LoadedDataset.Open("a+a", tree.RepoRoot);

        union.Manifest.Entries.Select(e => e.Path).Should().Equal("x.png", "y.png", "z.png");
    }

    [Test]
    public void A_single_name_loads_the_manifest_as_it_is()
    {
        using var tree = TwoParts();

        var single = LoadedDataset.Open("b", tree.RepoRoot);

        single.Manifest.Should().BeEquivalentTo(DatasetManifest.Load(tree.ManifestPath("b")));
        single.Root.Should().Be(Path.Combine(tree.Images, "b"));
    }

    [TestCase("a+nope", "'nope'")]
    [TestCase("a+", "empty part")]
    public void A_missing_part_is_named(string data, string named)
    {
        using var tree = TwoParts();

        var open = () => LoadedDataset.Open(data, tree.RepoRoot);

        open.Should().Throw<Exception>().Where(e => e.Message.Contains(named));
    }
}
