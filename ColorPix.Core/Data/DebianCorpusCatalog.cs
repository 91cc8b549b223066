namespace ColorPix.Core.Data;

/// <summary>A Debian package whose pictures the corpus looks at, and the folder of its files that holds them.</summary>
public sealed record DebianSource(string Package, string Folder);

public enum OverrideVerdict { Keep, Reject, SameScene }

/// <summary>
/// A hand-made decision where the statistics of <see cref="PhotoScreen"/> get a picture wrong, or where two files
/// show one scene in a way no hash sees (the two views of a stereo pair). <paramref name="Pattern"/> is relative to
/// the source's folder; '*' matches within a folder name, '**' across folders. <paramref name="SameAs"/> (for
/// <see cref="OverrideVerdict.SameScene"/>) is relative to the same folder.
/// </summary>
public sealed record CorpusOverride(string Package, string Pattern, OverrideVerdict Verdict, string Reason, string? SameAs = null);

/// <summary>
/// Every package of Debian 12 known to ship colour photographs, and the illustration-only wallpaper packages beside
/// them (so that the filters' decisions on them are on record too). Looked at and left out: enlightenment-data (its
/// backgrounds are .edj archives), gimp-data and digikam-data (icons, brushes, tiling textures),
/// kdegames-mahjongg-data-kf5 (SVG), debian-edu-artwork-* (the same vector themes as desktop-base), mypaint-data-extras
/// (paper textures), gcompris-qt-data (its pictures are inside .rcc archives), stellarium-data (landscape panoramas
/// cut out against a transparent sky), kstars-data and marble-data (astronomy, maps). Debian 12 has no budgie, deepin or cinnamon background packages.
/// </summary>
public static class DebianCorpusCatalog
{
    public const string Name = "debian";

    public static readonly IReadOnlyList<DebianSource> Sources =
    [
        new("gnome-backgrounds", "usr/share/backgrounds/gnome"),
        new("plasma-workspace-wallpapers", "usr/share/wallpapers"),
        new("lomiri-wallpapers", "usr/share/backgrounds"),
        new("lomiri-wallpapers-16.04", "usr/share/backgrounds"),
        new("lomiri-wallpapers-20.04", "usr/share/backgrounds"),
        new("ukui-wallpapers", "usr/share/backgrounds"),
        new("mate-backgrounds", "usr/share/backgrounds/mate"),
        new("lxqt-themes", "usr/share/lxqt/wallpapers"),
        new("lxde-common", "usr/share/lxde/wallpapers"),
        new("xfdesktop4-data", "usr/share/backgrounds/xfce"),
        new("sway-backgrounds", "usr/share/backgrounds/sway"),
        new("desktop-base", "usr/share/desktop-base"),
        new("propaganda-debian", "usr/share/wallpapers"),
        new(SampleCatalog.OpenCvPackage, "usr/share/doc/opencv-doc/examples"),
        new(SampleCatalog.SkimagePackage, "usr/lib/python3/dist-packages/skimage/data"),
        new("python3-sklearn", "usr/lib/python3/dist-packages/sklearn/datasets/images"),
        new("palapeli-data", "usr/share/palapeli"),
    ];

    /// <summary>Decided by looking at the contact sheets `data debian` writes (data/debian/review/).</summary>
    public static readonly IReadOnlyList<CorpusOverride> Overrides =
    [
        // Statistics call these photographs renders: bokeh, or heavy denoising, leaves smooth, clean areas.
        Keep("lomiri-wallpapers-16.04", "free_by_Peter_Nerlich.jpg", "photo: a bird figure under a lamp, out-of-focus background"),
        Keep("lxqt-themes", "Butterfly-Kenneth-Wimer.jpg", "photo: butterfly, blurred background"),
        Keep("lxqt-themes", "appleflower.png", "photo: apple blossom, blurred background"),
        Keep("lxqt-themes", "drop.png", "photo: water drop on a leaf, blurred background"),

        // Illustrations and renders with grain, texture or noise added, which statistics take for a photograph.
        Reject("gnome-backgrounds", "*", "illustration: GNOME 43 ships only illustrations and renders"),
        Reject("desktop-base", "**", "illustration: Debian's desktop themes are vector artwork"),
        Reject("propaganda-debian", "*", "illustration: tiling textures made in GIMP"),
        Reject("palapeli-data", "backgrounds/*", "illustration: Propaganda's tiling textures"),
        Reject("plasma-workspace-wallpapers", "Autumn/**", "illustration: painted tree"),
        Reject("plasma-workspace-wallpapers", "Honeywave/**", "render: abstract waves"),
        Reject("plasma-workspace-wallpapers", "Kay/**", "render: abstract shapes"),
        Reject("plasma-workspace-wallpapers", "Kokkini/**", "render: abstract shapes"),
        Reject("plasma-workspace-wallpapers", "Patak/**", "render: abstract shapes"),
        Reject("plasma-workspace-wallpapers", "SafeLanding/**", "illustration: painted landscape with a tent"),
        Reject("plasma-workspace-wallpapers", "Shell/**", "render: abstract shell"),
        Reject("lomiri-wallpapers-16.04", "analogpattern_by_Peter_Nerlich.jpg", "texture: abstract pattern"),
        Reject("lomiri-wallpapers-20.04", "Infinite-Sea_by_Aury88.jpg", "illustration: composite of sky and sea"),
        Reject("ukui-wallpapers", "string.jpg", "render: abstract strings"),
        Reject("mate-backgrounds", "abstract/Elephants*.jpg", "illustration: psychedelic artwork"),
        Reject("mate-backgrounds", "desktop/*", "illustration: MATE desktop artwork"),
        Reject("lxqt-themes", "kde-plasma.png", "illustration: KDE artwork"),
        Reject("lxqt-themes", "plasma-logo-bright.png", "illustration: logo on a gradient"),
        Reject("lxqt-themes", "plasma_arch.png", "illustration: logo on a texture"),
        Reject(SampleCatalog.OpenCvPackage, "data/starry_night.jpg", "painting: Van Gogh's Starry Night"),
        Reject(SampleCatalog.OpenCvPackage, "data/WindowsLogo.jpg", "render: logo"),
        Reject(SampleCatalog.OpenCvPackage, "data/pic2.png", "synthetic: random noise"),
        Reject(SampleCatalog.OpenCvPackage, "data/pic4.png", "synthetic: shapes on a pattern"),
        Reject(SampleCatalog.OpenCvPackage, "fuzzy/input.png", "drawing: anime portrait"),
        Reject(SampleCatalog.SkimagePackage, "color.png", "synthetic: colour wheel"),
        Reject(SampleCatalog.SkimagePackage, "hubble_deep_field.jpg", "astronomy: false-colour composite"),
        Reject(SampleCatalog.SkimagePackage, "ihc.png", "microscopy: stained tissue"),
        Reject(SampleCatalog.SkimagePackage, "retina.jpg", "medical: retinal fundus image"),

        // Two views of one scene (stereo, optical flow, registration, tampering tests): one group, one split.
        Same(SampleCatalog.OpenCvPackage, "data/aloeR.jpg", "data/aloeL.jpg", "stereo pair"),
        Same(SampleCatalog.OpenCvPackage, "data/right.jpg", "data/left.jpg", "stereo pair"),
        Same(SampleCatalog.OpenCvPackage, "data/leuvenB.jpg", "data/leuvenA.jpg", "registration pair"),
        Same(SampleCatalog.OpenCvPackage, "data/graf3.png", "data/graf1.png", "registration pair"),
        Same(SampleCatalog.OpenCvPackage, "data/aero3.jpg", "data/aero1.jpg", "registration pair"),
        Same(SampleCatalog.OpenCvPackage, "data/ela_modified.jpg", "data/ela_original.jpg", "tampered copy"),
        Same(SampleCatalog.SkimagePackage, "motorcycle_right.png", "motorcycle_left.png", "stereo pair"),
    ];

    private static CorpusOverride Keep(string package, string pattern, string reason) => new(package, pattern, OverrideVerdict.Keep, reason);
    private static CorpusOverride Reject(string package, string pattern, string reason) => new(package, pattern, OverrideVerdict.Reject, reason);
    private static CorpusOverride Same(string package, string path, string sameAs, string reason) =>
        new(package, path, OverrideVerdict.SameScene, reason, sameAs);
}
