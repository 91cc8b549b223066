namespace ColorPix.Core.Data;

/// <summary>Finds the photos of a folder tree, and the files their symbolic links stand for.</summary>
public static class ImageFiles
{
    private const int MaxLinkHops = 40; // as Linux's ELOOP

    private static readonly HashSet<string> Extensions =
        new([".jpg", ".jpeg", ".png", ".webp", ".bmp", ".tif", ".tiff"], StringComparer.OrdinalIgnoreCase);

    public static bool IsImagePath(string path) => Extensions.Contains(Path.GetExtension(path));

    /// <summary>Paths relative to <paramref name="root"/> with '/' separators, in ordinal order so every machine
    /// lists the same tree identically. Symbolic links to files are listed like files; links to folders are
    /// followed unless <paramref name="followFolderLinks"/> is false (an extracted package links folders to
    /// places outside the part of it that is looked at).</summary>
    public static IReadOnlyList<string> FindRelative(string root, bool followFolderLinks = true) =>
        (followFolderLinks
            ? Directory.EnumerateFiles(root, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true })
            : FilesNotThroughFolderLinks(root))
            .Where(IsImagePath)
            .Select(path => Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal)
            .ToList();

    private static IEnumerable<string> FilesNotThroughFolderLinks(string folder)
    {
        var options = new EnumerationOptions { IgnoreInaccessible = true };
        foreach (var file in Directory.EnumerateFiles(folder, "*", options)) yield return file;
        foreach (var sub in Directory.EnumerateDirectories(folder, "*", options))
            if (new DirectoryInfo(sub).LinkTarget is null)
                foreach (var file in FilesNotThroughFolderLinks(sub)) yield return file;
    }

    /// <summary>
    /// The path with every symbolic link along it resolved (as realpath(3) does), or null when a link is dangling,
    /// loops, or nothing exists there. With <paramref name="jail"/>, absolute link targets are taken inside
    /// that folder, as they resolve once an extracted package is installed at "/", and ".." stops at it.
    /// </summary>
    public static string? RealPath(string path, string? jail = null)
    {
        var top = Path.GetFullPath(jail ?? Path.GetPathRoot(Path.GetFullPath(path))!);
        var full = Path.GetFullPath(path);
        if (jail is not null && !IsWithin(full, top)) return null;
        var pending = new Stack<string>(Parts(Path.GetRelativePath(top, full)).Reverse());
        var resolved = top;
        for (var hops = 0; pending.Count > 0;)
        {
            var part = pending.Pop();
            if (part is "." or "") continue;
            if (part == "..")
            {
                if (!string.Equals(resolved, top, StringComparison.Ordinal)) resolved = Path.GetDirectoryName(resolved)!;
                continue;
            }
            var candidate = Path.Combine(resolved, part);
            var target = new FileInfo(candidate).LinkTarget;
            if (target is null)
            {
                resolved = candidate;
                continue;
            }
            if (++hops > MaxLinkHops) return null;
            if (Path.IsPathRooted(target)) resolved = jail is null ? Path.GetPathRoot(target)! : top;
            foreach (var next in Parts(Path.IsPathRooted(target) && jail is null ? target[Path.GetPathRoot(target)!.Length..] : target).Reverse())
                pending.Push(next);
        }
        return File.Exists(resolved) || Directory.Exists(resolved) ? resolved : null;
    }

    /// <summary>True when <paramref name="path"/> is <paramref name="folder"/> or below it (both full paths).</summary>
    public static bool IsWithin(string path, string folder)
    {
        var relative = Path.GetRelativePath(folder, path);
        return relative != ".." && !relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal)
               && !Path.IsPathRooted(relative);
    }

    private static string[] Parts(string path) =>
        path.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
}
