using ColorPix.Core.Data;
using ColorPix.Core.Imaging;

namespace ColorPix.Tests.Data;

public class SampleCatalogTests
{
    [Test]
    public void Selection_takes_listed_photos_and_the_largest_image_of_each_photo_wallpaper()
    {
        using var system = new PhotoTree();
        system.Color("usr/share/doc/opencv-doc/examples/data/baboon.jpg", seed: 1, format: ImageFormat.Jpeg);
        system.Color("usr/share/doc/opencv-doc/examples/data/chessboard.png", seed: 2);
        system.Color("usr/lib/python3/dist-packages/skimage/data/coffee.png", seed: 3);
        system.Color("usr/share/wallpapers/Path/contents/images/640x480.jpg", seed: 4, width: 8, height: 6, format: ImageFormat.Jpeg);
        var largest = system.Color("usr/share/wallpapers/Path/contents/images/1920x1080.jpg", seed: 5, width: 64, height: 36, format: ImageFormat.Jpeg);
        system.Color("usr/share/wallpapers/FlyingKonqui/contents/images/1920x1080.png", seed: 6);

        var photos = SampleCatalog.Find(system.Images);

        photos.Select(p => (p.Source, p.Name)).Should().Equal(("opencv", "baboon"), ("skimage", "coffee"), ("wallpapers", "path"));
        photos[2].Path.Should().Be(largest);
    }

    [Test]
    public void Copies_are_downscaled_jpegs_and_gray_photos_are_left_out()
    {
        using var system = new PhotoTree();
        var big = system.Color("big.png", seed: 1, width: 1280, height: 400);
        var gray = system.Gray("gray.png", threeChannels: true);
        var output = new StringWriter();
        var destination = Path.Combine(system.RepoRoot, "sample");

        var written = SampleDataset.CopyPhotos(
            [new SamplePhoto("opencv", "big", big), new SamplePhoto("opencv", "gray", gray)], destination, output);

        written.Should().Be(1);
        var info = ImageProbe.Probe(File.ReadAllBytes(Path.Combine(destination, "opencv", "big.jpg")));
        (info.Format, info.Width, info.Height).Should().Be((ImageFormat.Jpeg, 640, 200));
        File.Exists(Path.Combine(destination, "opencv", "gray.jpg")).Should().BeFalse();
        output.ToString().Should().Contain("grayscale");
    }

    [Test]
    public void The_committed_sample_dataset_passes_its_check()
    {
        var manifest = RepoPaths.ManifestPath(RepoPaths.FindRoot(TestContext.CurrentContext.TestDirectory), SampleDataset.Name);
        var report = DatasetCheck.Run(manifest);
        report.Failures.Should().BeEmpty();
        (report.Counts.Train + report.Counts.Val + report.Counts.Test).Should().BeGreaterThanOrEqualTo(40);
    }
}
