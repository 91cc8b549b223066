using ColorPix.Core.Data;
using ColorPix.Core.Imaging;

namespace ColorPix.Tests.Data;

/// <summary>The corpus builder on a fake extracted package laid out as dpkg -x leaves one: no apt, no network.</summary>
public class DebianCorpusTests
{
    private const string Package = "fake-wallpapers";
    private const string Folder = "usr/share/backgrounds";

    private const string Copyright = """
        Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
        Upstream-Name: fake-wallpapers

        Files: *
        Copyright: 2020 Someone
        License: CC-BY-SA-4.0

        Files: upstream/sea_by_Someone.png
        Copyright: 2021 Someone Else
        License: CC0-1.0

        License: CC-BY-SA-4.0
         Long text of the licence.
        """;

    /// <summary>sea_by_Someone.png, its half-size JPEG, a symbolic link to it, one wallpaper at two resolutions,
    /// photos 00..11, a flat illustration and a near-gray picture.</summary>
    private static (PhotoTree Tree, ExtractedPackage Package) FakePackage()
    {
        var tree = new PhotoTree();
        var root = Path.Combine(tree.Images, Package);
        string Put(string name, byte[] rgb, int width = 256, int height = 192, ImageFormat format = ImageFormat.Png) =>
            tree.Write(Path.Combine(Package, Folder, name), rgb, width, height, 3, format);

        var sea = Put("sea_by_Someone.png", SyntheticPictures.PhotoLike(100, 400, 300), 400, 300);
        using (var image = Image.Decode(File.ReadAllBytes(sea)))
        using (var half = image.Resize(200, 150))
            tree.WriteBytes(Path.Combine(Package, Folder, "sea-small.jpg"), half.Encode(ImageFormat.Jpeg, 85));
        File.CreateSymbolicLink(Path.Combine(root, Folder, "default-background.png"), "sea_by_Someone.png");
        Put("Lake/contents/images/1920x1200.png", SyntheticPictures.PhotoLike(200, 320, 200), 320, 200);
        Put("Lake/contents/images/1280x800.png", SyntheticPictures.PhotoLike(201, 256, 160), 256, 160);
        for (var i = 0; i < 12; i++) Put($"photo{i:D2}.png", SyntheticPictures.PhotoLike(i));
        Put("flat.png", SyntheticPictures.FlatIllustration());
        Put("gray.png", SyntheticPictures.NearGray(300));
        tree.WriteBytes(Path.Combine(Package, "usr/share/doc", Package, "copyright"), System.Text.Encoding.UTF8.GetBytes(Copyright));
        return (tree, new ExtractedPackage(new DebianSource(Package, Folder), "1.0-1", new string('a', 64), root));
    }

    private static DebianCorpusBuild Build(PhotoTree tree, ExtractedPackage package, IReadOnlyList<CorpusOverride>? overrides = null) =>
        DebianCorpus.Build(tree.Images, [package], tree.RepoRoot, overrides ?? [], minTest: 3);

    [Test]
    public void A_resized_copy_and_a_symbolic_link_join_the_original_in_one_group_and_one_split()
    {
        var (tree, package) = FakePackage();
        using var _ = tree;

        var manifest = Build(tree, package).Manifest;

        var sea = $"{Package}/{Folder}/sea_by_Someone.png";
        var group = manifest.Groups!.Should().ContainSingle(g => g.Kept == sea).Subject;
        group.Members.Select(m => m.Path).Should().BeEquivalentTo(sea, $"{Package}/{Folder}/sea-small.jpg", $"{Package}/{Folder}/default-background.png");
        group.Members.Single(m => m.Path.EndsWith("default-background.png")).Relation.Should().Be($"symbolic link to {sea}");
        group.Members.Single(m => m.Path.EndsWith("sea-small.jpg")).Relation.Should().StartWith("near-duplicate: dhash ");
        var entry = manifest.Entries.Should().ContainSingle(e => e.Group == group.Id).Subject;
        (entry.Path, entry.Split).Should().Be((sea, group.Split), "only the largest member is kept, in the group's split");
        manifest.Skipped.Where(s => s.Group == group.Id).Select(s => s.Reason)
            .Should().AllSatisfy(r => r.Should().StartWith($"duplicate of {sea}: "));
    }

    [Test]
    public void The_resolutions_of_one_wallpaper_are_one_picture_and_the_largest_is_kept()
    {
        var (tree, package) = FakePackage();
        using var _ = tree;

        var manifest = Build(tree, package).Manifest;

        var lake = manifest.Groups!.Should().ContainSingle(g => g.Kept.Contains("/Lake/")).Subject;
        lake.Kept.Should().EndWith("1920x1200.png");
        lake.Members.Single(m => m.Path.EndsWith("1280x800.png")).Relation.Should().Be("same wallpaper, 256x160");
        manifest.Entries.Should().NotContain(e => e.Path.EndsWith("1280x800.png"));
    }

    [Test]
    public void Illustrations_and_near_gray_pictures_are_skipped_with_their_reason()
    {
        var (tree, package) = FakePackage();
        using var _ = tree;

        var manifest = Build(tree, package).Manifest;

        var reasons = manifest.Skipped.ToDictionary(s => Path.GetFileName(s.Path), s => s.Reason);
        reasons["flat.png"].Should().StartWith("illustration: ");
        reasons["gray.png"].Should().StartWith("near-gray: colorfulness ");
        manifest.Entries.Should().HaveCount(12 + 2, "twelve photos, the sea and the lake");
    }

    [Test]
    public void A_hand_override_rejects_or_keeps_against_the_statistics_and_records_why()
    {
        var (tree, package) = FakePackage();
        using var _ = tree;
        CorpusOverride[] overrides =
        [
            new(Package, "photo0?.png", OverrideVerdict.Reject, "painting: looks like a photo"),
            new(Package, "flat.png", OverrideVerdict.Keep, "photo: a flag, really"),
        ];

        var manifest = Build(tree, package, overrides).Manifest;

        manifest.Skipped.Where(s => s.Path.Contains("/photo0")).Select(s => s.Reason)
            .Should().HaveCount(10).And.AllBe("painting: looks like a photo (by hand)");
        manifest.Entries.Should().Contain(e => e.Path.EndsWith("flat.png"));
    }

    [Test]
    public void Licences_come_from_the_packages_copyright_file_per_source_and_per_named_file()
    {
        var (tree, package) = FakePackage();
        using var _ = tree;

        var manifest = Build(tree, package).Manifest;

        var source = manifest.Sources.Should().ContainSingle().Subject;
        source.Should().Be(new DatasetSource(Package, "1.0-1", new string('a', 64), "CC-BY-SA-4.0, CC0-1.0",
            $"{Package}/usr/share/doc/{Package}/copyright"));
        manifest.Entries.Single(e => e.Path.EndsWith("sea_by_Someone.png")).Licence.Should().Be("CC0-1.0");
        manifest.Entries.Single(e => e.Path.EndsWith("photo00.png")).Licence.Should().Be("CC-BY-SA-4.0");
        manifest.Entries.Should().AllSatisfy(e => e.Source.Should().Be(Package));
    }

    [Test]
    public void The_test_split_gets_its_quota_and_the_saved_manifest_passes_the_check()
    {
        var (tree, package) = FakePackage();
        using var _ = tree;

        var build = DebianCorpus.Build(tree.Images, [package], tree.RepoRoot, [], minTest: 5);
        build.Manifest.Save(tree.ManifestPath("debian"));

        build.Manifest.Counts.Test.Should().Be(5);
        (build.Manifest.Counts.Train + build.Manifest.Counts.Val + build.Manifest.Counts.Test).Should().Be(14);
        var report = DatasetCheck.Run(tree.ManifestPath("debian"));
        report.Failures.Should().BeEmpty();
        DatasetManifest.Load(tree.ManifestPath("debian")).Groups.Should().BeEquivalentTo(build.Manifest.Groups);
    }

    [Test]
    public void Free_form_copyright_files_are_searched_for_the_usual_licences()
    {
        var licence = PackageLicence.Parse("""
            Copyright: 1999 Someone
               you can redistribute it and/or modify it under the terms of the GNU General
               Public License as published by the Free Software Foundation; either
               version 2 of the License, or (at your option) any later version.
            Some pictures: Licensed under Creative Commons Attribution-ShareAlike 3.0 License.
            """);

        licence.Summary.Should().Be("CC-BY-SA-3.0, GPL-2+");
        licence.Of("anything.png").Should().BeNull();
    }

    [Test]
    public void Absolute_links_inside_an_extracted_package_resolve_inside_it()
    {
        using var tree = new PhotoTree();
        var target = tree.Color("pkg/usr/share/pictures/a.png", seed: 1);
        var link = Path.Combine(tree.Images, "pkg", "usr", "share", "backgrounds", "link.png");
        Directory.CreateDirectory(Path.GetDirectoryName(link)!);
        File.CreateSymbolicLink(link, "/usr/share/pictures/a.png");

        ImageFiles.RealPath(link, jail: Path.Combine(tree.Images, "pkg")).Should().Be(target);
        File.CreateSymbolicLink(link + ".loop.png", Path.GetFileName(link) + ".loop.png");
        ImageFiles.RealPath(link + ".loop.png").Should().BeNull();
    }
}
