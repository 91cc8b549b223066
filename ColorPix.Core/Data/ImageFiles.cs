namespace ColorPix.Core.Data;

/// <summary>Finds the photos of a folder tree.</summary>
public static class ImageFiles
{
    private static readonly HashSet<string> Extensions =
        new([".jpg", ".jpeg", ".png", ".webp", ".bmp", ".tif", ".tiff"], StringComparer.OrdinalIgnoreCase);

    public static bool IsImagePath(string path) => Extensions.Contains(Path.GetExtension(path));

    /// <summary>Paths relative to <paramref name="root"/> with '/' separators, in ordinal order so every machine
    /// lists the same tree identically.</summary>
    public static IReadOnlyList<string> FindRelative(string root) =>
        Directory.EnumerateFiles(root, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true })
            .Where(IsImagePath)
            .Select(path => Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
}
