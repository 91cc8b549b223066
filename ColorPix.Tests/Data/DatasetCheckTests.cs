using ColorPix.Core.Data;

namespace ColorPix.Tests.Data;

public class DatasetCheckTests
{
    private static PhotoTree CocoLike()
    {
        var tree = new PhotoTree();
        tree.Photos(3, "train2017");
        tree.Photos(2, "val2017", firstSeed: 10);
        tree.Photos(2, "test2017", firstSeed: 20);
        return tree;
    }

    [Test]
    public void A_good_dataset_passes_with_counts_sizes_and_formats()
    {
        using var tree = CocoLike();
        tree.Build();
        var output = new StringWriter();

        DataCommands.CheckAt(tree.ManifestPath(), output).Should().Be(0, output.ToString());

        var report = DatasetCheck.Run(tree.ManifestPath());
        report.Success.Should().BeTrue();
        report.Counts.Should().Be(new SplitCounts(3, 2, 2, 0));
        report.Sizes.Should().Be(new SizeStatistics(24, 24, 24, 16, 16, 16));
        report.Formats.Should().Equal(new Dictionary<string, int> { ["PNG"] = 7 });
        output.ToString().Should().Contain("check passed");
    }

    [Test]
    public void A_missing_file_fails_the_check()
    {
        using var tree = CocoLike();
        tree.Build();
        File.Delete(Path.Combine(tree.Images, "val2017", "photo10.png"));
        var output = new StringWriter();

        DataCommands.CheckAt(tree.ManifestPath(), output).Should().Be(1);

        output.ToString().Should().Contain("missing: val2017/photo10.png").And.Contain("1 file(s) missing or changed");
    }

    [Test]
    public void A_file_changed_in_place_fails_the_check_though_its_size_is_the_same()
    {
        using var tree = CocoLike();
        tree.Build();
        var path = Path.Combine(tree.Images, "train2017", "photo00.png");
        var bytes = File.ReadAllBytes(path);
        bytes[^20] ^= 0xFF;
        File.WriteAllBytes(path, bytes);

        var report = DatasetCheck.Run(tree.ManifestPath());

        report.Success.Should().BeFalse();
        report.Problems.Should().Equal(new FileProblem("train2017/photo00.png", FileProblemKind.ContentChanged));
    }

    [Test]
    public void The_same_image_in_two_splits_fails_the_check()
    {
        using var tree = CocoLike();
        File.Copy(Path.Combine(tree.Images, "train2017", "photo00.png"), Path.Combine(tree.Images, "val2017", "copy.png"));
        tree.Build();

        var report = DatasetCheck.Run(tree.ManifestPath());

        report.Success.Should().BeFalse();
        report.Duplicates.Should().ContainSingle().Which.Entries.Select(e => e.Path)
            .Should().BeEquivalentTo("train2017/photo00.png", "val2017/copy.png");
        report.Failures.Should().Contain("1 image(s) appear in more than one split");
    }

    [Test]
    public void An_empty_split_fails_the_check()
    {
        using var tree = new PhotoTree();
        tree.Photos(3, "train2017");
        tree.Photos(2, "val2017", firstSeed: 10);
        tree.Build();

        DatasetCheck.Run(tree.ManifestPath()).Failures.Should().Equal("split 'test' is empty");
    }

    [Test]
    public void Opening_a_split_leaves_out_files_missing_since_the_manifest()
    {
        using var tree = CocoLike();
        tree.Build();
        File.Delete(Path.Combine(tree.Images, "train2017", "photo01.png"));

        var train = ImageFolderDataset.Open(LoadedDataset.FromManifest(tree.ManifestPath()), Split.Train);

        train.Entries.Select(e => e.Path).Should().Equal("train2017/photo00.png", "train2017/photo02.png");
        train.Problems.Should().Equal(new FileProblem("train2017/photo01.png", FileProblemKind.Missing));
        ImageFolderDataset.Open(LoadedDataset.FromManifest(tree.ManifestPath()), Split.Val).Problems.Should().BeEmpty();
    }
}
