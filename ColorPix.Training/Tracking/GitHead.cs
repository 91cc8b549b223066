namespace ColorPix.Training.Tracking;

/// <summary>
/// The commit checked out in a git repository, read from .git files (HEAD, the ref file or packed-refs):
/// cheap enough for every run, and no git process. Handles worktrees (.git as a "gitdir:" file).
/// </summary>
public static class GitHead
{
    /// <summary>The 40-hex commit of the repository containing <paramref name="directory"/>, or null.</summary>
    public static string? TryReadCommit(string directory)
    {
        try
        {
            return FindGitDirectory(directory) is { } gitDirectory ? ResolveHead(gitDirectory) : null;
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }

    private static string? FindGitDirectory(string directory)
    {
        for (var current = new DirectoryInfo(directory); current != null; current = current.Parent)
        {
            var dotGit = Path.Combine(current.FullName, ".git");
            if (Directory.Exists(dotGit)) return dotGit;
            if (File.Exists(dotGit) && File.ReadAllText(dotGit).Trim() is var pointer && pointer.StartsWith("gitdir:", StringComparison.Ordinal))
                return Path.GetFullPath(pointer["gitdir:".Length..].Trim(), current.FullName);
        }
        return null;
    }

    private static string? ResolveHead(string gitDirectory)
    {
        var head = File.ReadAllText(Path.Combine(gitDirectory, "HEAD")).Trim();
        if (!head.StartsWith("ref:", StringComparison.Ordinal)) return IsCommit(head) ? head : null;
        var reference = head["ref:".Length..].Trim();
        // A worktree keeps HEAD itself but shares refs with the main repository ("commondir").
        var commonFile = Path.Combine(gitDirectory, "commondir");
        var common = File.Exists(commonFile) ? Path.GetFullPath(File.ReadAllText(commonFile).Trim(), gitDirectory) : gitDirectory;
        foreach (var root in new[] { gitDirectory, common })
        {
            var refFile = Path.Combine(root, reference);
            if (File.Exists(refFile)) return File.ReadAllText(refFile).Trim() is var loose && IsCommit(loose) ? loose : null;
        }
        var packed = Path.Combine(common, "packed-refs");
        if (!File.Exists(packed)) return null;
        return File.ReadLines(packed)
            .Select(line => line.Split(' '))
            .Where(parts => parts.Length == 2 && parts[1] == reference && IsCommit(parts[0]))
            .Select(parts => parts[0])
            .FirstOrDefault();
    }

    private static bool IsCommit(string text) => text.Length == 40 && text.All(Uri.IsHexDigit);
}
