namespace ColorPix.Core.Data;

/// <summary>A photograph shipped by a Debian package, and the name it gets in data/sample/&lt;Source&gt;/.</summary>
public sealed record SamplePhoto(string Source, string Name, string Path);

/// <summary>
/// The natural photographs among what Debian packages ship, chosen by looking at every candidate: test patterns,
/// logos, renders, charts, text, maps, drawings and paintings (starry_night) are left out, as is the second
/// view of each stereo or optical-flow pair (aloeR, leuvenB, motorcycle_right, ...) which would put nearly the
/// same photo in two splits. Grayscale photos listed here (ColdRipple, Grey) are still dropped by the screen.
/// gnome-backgrounds 43 ships only illustrations and renders, so it contributes nothing.
/// </summary>
public static class SampleCatalog
{
    public const string OpenCvPackage = "opencv-doc";
    public const string SkimagePackage = "python3-skimage";
    public const string WallpapersPackage = "plasma-workspace-wallpapers";
    public static readonly string[] Packages = [OpenCvPackage, SkimagePackage, WallpapersPackage];

    private const string OpenCvExamples = "usr/share/doc/opencv-doc/examples";
    private const string SkimageData = "usr/lib/python3/dist-packages/skimage/data";
    private const string Wallpapers = "usr/share/wallpapers";

    private static readonly string[] OpenCvPhotos =
    [
        "data/aero1.jpg", "data/aloeL.jpg", "data/apple.jpg", "data/baboon.jpg", "data/basketball1.png", "data/board.jpg",
        "data/building.jpg", "data/butterfly.jpg", "data/chicky_512.png", "data/ela_original.jpg", "data/fruits.jpg",
        "data/graf1.png", "data/home.jpg", "data/left.jpg", "data/leuvenA.jpg", "data/messi5.jpg",
        "data/orange.jpg", "data/rubberwhale1.png", "data/smarties.png", "data/squirrel_cls.jpg", "data/stuff.jpg",
        "alphamat/input_images/plant.jpg", "hfs/data/000.jpg",
        "text/scenetext01.jpg", "text/scenetext02.jpg", "text/scenetext03.jpg", "text/scenetext04.jpg",
        "text/scenetext05.jpg", "text/scenetext06.jpg",
    ];

    private static readonly string[] SkimagePhotos =
        ["astronaut.png", "chelsea.png", "coffee.png", "motorcycle_left.png", "rocket.jpg"];

    private static readonly string[] PhotoWallpapers =
    [
        "BytheWater", "ColdRipple", "ColorfulCups", "DarkestHour", "EveningGlow", "FallenLeaf", "Grey", "Kite",
        "OneStandsOut", "Path", "Volna", "summer_1am",
    ];

    /// <summary>The listed photos present under <paramref name="systemRoot"/> ("/" normally; a temporary folder
    /// laid out the same way in tests). Absent files are passed over: package contents vary between releases.</summary>
    public static IReadOnlyList<SamplePhoto> Find(string systemRoot = "/")
    {
        var photos = new List<SamplePhoto>();
        foreach (var file in OpenCvPhotos)
            photos.Add(new SamplePhoto("opencv", NameOf(file == "hfs/data/000.jpg" ? "robin" : Path.GetFileName(file)), Path.Combine(systemRoot, OpenCvExamples, file)));
        foreach (var file in SkimagePhotos)
            photos.Add(new SamplePhoto("skimage", NameOf(file), Path.Combine(systemRoot, SkimageData, file)));
        foreach (var wallpaper in PhotoWallpapers)
            if (LargestImage(Path.Combine(systemRoot, Wallpapers, wallpaper, "contents", "images")) is { } largest)
                photos.Add(new SamplePhoto("wallpapers", NameOf(wallpaper), largest));
        return photos.Where(p => File.Exists(p.Path)).ToList();
    }

    private static string NameOf(string file) => Path.GetFileNameWithoutExtension(file).ToLowerInvariant();

    // Each wallpaper comes in several resolutions of one picture; the largest survives downscaling best.
    private static string? LargestImage(string folder) =>
        Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder).Where(ImageFiles.IsImagePath)
                .OrderByDescending(f => new FileInfo(f).Length).ThenBy(f => f, StringComparer.Ordinal).FirstOrDefault()
            : null;
}
