using System.Security.Cryptography;
using ColorPix.Core.Data;
using ColorPix.Core.Imaging;

namespace ColorPix.Tests.Data;

public class ManifestTests
{
    [Test]
    public void Entries_record_relative_paths_sizes_and_sha256()
    {
        using var tree = new PhotoTree();
        var file = tree.Color("Holiday/Beach/sea.JPG", seed: 5, width: 30, height: 20, format: ImageFormat.Jpeg);
        tree.Color("top.png", seed: 6);
        File.WriteAllText(Path.Combine(tree.Images, "notes.txt"), "not a photo, not even looked at");

        var manifest = tree.Build();

        manifest.Entries.Select(e => e.Path).Should().Equal("Holiday/Beach/sea.JPG", "top.png");
        var sea = manifest.Entries[0];
        sea.Bytes.Should().Be(new FileInfo(file).Length);
        sea.Sha256.Should().Be(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file))));
        (sea.Width, sea.Height).Should().Be((30, 20));
        manifest.Root.Should().Be("images", "a root inside the repository is recorded relative to it");
    }

    [Test]
    public void A_saved_manifest_loads_back_equal()
    {
        using var tree = new PhotoTree();
        tree.Photos(4);
        var built = tree.Build("roundtrip", new ManifestOptions { Seed = 9, Fractions = new SplitFractions(0.5, 0.25, 0.25) });

        var loaded = DatasetManifest.Load(tree.ManifestPath("roundtrip"));

        loaded.Entries.Should().Equal(built.Entries);
        (loaded.Name, loaded.Seed, loaded.Fractions, loaded.Counts, loaded.CreatedUtc)
            .Should().Be((built.Name, built.Seed, built.Fractions, built.Counts, built.CreatedUtc));
        File.ReadAllText(tree.ManifestPath("roundtrip")).Should().Contain("\"split\": \"train\"");
    }

    [Test]
    public void Grayscale_and_corrupt_files_are_skipped_with_a_reason_and_counted()
    {
        using var tree = new PhotoTree();
        tree.Photos(3);
        tree.Gray("gray1.png", threeChannels: false);
        tree.Gray("gray3.jpg", threeChannels: true, ImageFormat.Jpeg);
        tree.Corrupt("broken.jpg");
        tree.WriteBytes("truncated.png", File.ReadAllBytes(tree.Color("whole.png", seed: 99))[..60]);

        var manifest = tree.Build();

        manifest.Entries.Select(e => e.Path).Should().BeEquivalentTo("photo00.png", "photo01.png", "photo02.png", "whole.png");
        manifest.Counts.Skipped.Should().Be(4);
        var reasons = manifest.Skipped.ToDictionary(s => s.Path, s => s.Reason);
        reasons.Keys.Should().BeEquivalentTo("broken.jpg", "gray1.png", "gray3.jpg", "truncated.png");
        reasons["broken.jpg"].Should().StartWith("unreadable: not an image");
        reasons["truncated.png"].Should().StartWith("unreadable: ");
        reasons["gray1.png"].Should().Be("grayscale: single-channel PNG");
        reasons["gray3.jpg"].Should().Be("grayscale: R=G=B within 2 levels");
    }

    [Test]
    public void A_few_coloured_pixels_do_not_make_a_gray_photo_colourful()
    {
        var pixels = Enumerable.Repeat((byte)120, 100 * 3 * 100).ToArray();
        pixels[0] = 255; // one red pixel in ten thousand: still a grayscale photo
        using (var image = Image.FromPixels(pixels, 100, 100, 3)) SourceImageScreen.IsGrayscale(image).Should().BeTrue();
        pixels.AsSpan(0, 300 * 3).Fill(0);
        for (var i = 0; i < 300 * 3; i += 3) pixels[i] = 200; // 3% red pixels: colour
        using (var image = Image.FromPixels(pixels, 100, 100, 3)) SourceImageScreen.IsGrayscale(image).Should().BeFalse();
    }

    [Test]
    public void A_missing_dataset_folder_is_refused_clearly()
    {
        using var tree = new PhotoTree();
        var output = new StringWriter();
        DataCommands.Folder(Path.Combine(tree.RepoRoot, "nowhere"), "x", tree.RepoRoot, output).Should().Be(2);
        output.ToString().Should().Contain("does not exist");
        Directory.CreateDirectory(Path.Combine(tree.RepoRoot, "empty"));
        DataCommands.Folder(Path.Combine(tree.RepoRoot, "empty"), "x", tree.RepoRoot, output).Should().Be(2);
        output.ToString().Should().Contain("holds no images");
        File.Exists(tree.ManifestPath("x")).Should().BeFalse();
    }

    [Test]
    public void The_repository_root_is_found_from_a_subfolder()
    {
        using var tree = new PhotoTree();
        tree.Photos(1, "deep/er");
        RepoPaths.FindRoot(Path.Combine(tree.Images, "deep", "er")).Should().Be(tree.RepoRoot);
    }
}
