using System.Text.RegularExpressions;

namespace ColorPix.Training.Tracking;

/// <summary>
/// MLflow's rules for names and values (mlflow/utils/validation.py). Keys become file paths under the run
/// folder, so a key that would resolve to another path ("a/../b", "/etc", "a//b") is refused as MLflow does.
/// </summary>
public static partial class MlflowNames
{
    public const int MaxKeyLength = 250;
    public const int MaxParamValueLength = 6000;
    public const int MaxTagValueLength = 5000;
    public const int MaxExperimentNameLength = 500;
    public const int MaxAliasLength = 255;

    [GeneratedRegex(@"^[/\w.\- ]*$")]
    private static partial Regex KeyPattern();

    [GeneratedRegex(@"^[a-zA-Z0-9][\w\-]{0,63}$")]
    private static partial Regex ExperimentIdPattern();

    [GeneratedRegex(@"^[a-zA-Z0-9][\w\-]{0,255}$")]
    private static partial Regex RunIdPattern();

    [GeneratedRegex(@"^[\w\-]*$")]
    private static partial Regex AliasPattern();

    [GeneratedRegex(@"^[vV]\d+$")]
    private static partial Regex VersionLikeAliasPattern();

    /// <summary>Checks a metric, param or tag key; <paramref name="kind"/> names it in the error.</summary>
    public static void ValidateKey(string kind, string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!KeyPattern().IsMatch(key))
            throw new ArgumentException($"Invalid {kind} name: '{key}'. Names may only contain alphanumerics, underscores (_), dashes (-), periods (.), spaces ( ), and slashes (/).");
        if (!IsUniquePath(key))
            throw new ArgumentException($"Invalid {kind} name: '{key}'. Names are file paths and must not resolve to another name.");
        ValidateLength($"{kind} key", key, MaxKeyLength);
    }

    public static void ValidateLength(string what, string value, int limit)
    {
        if (value.Length > limit)
            throw new ArgumentException($"{what} '{value[..Math.Min(value.Length, 250)]}' had length {value.Length}, which exceeded length limit of {limit}");
    }

    /// <summary>A relative artifact path: same path rules as keys, any file name characters.</summary>
    public static void ValidateArtifactPath(string path)
    {
        if (!IsUniquePath(path) || path.Contains('\\'))
            throw new ArgumentException($"Invalid artifact path: '{path}'. It must be relative and stay inside the run's artifacts.");
    }

    public static void ValidateExperimentId(string id)
    {
        if (!ExperimentIdPattern().IsMatch(id)) throw new ArgumentException($"Invalid experiment ID: '{id}'");
    }

    public static void ValidateRunId(string id)
    {
        if (!RunIdPattern().IsMatch(id)) throw new ArgumentException($"Invalid run ID: '{id}'");
    }

    public static void ValidateExperimentName(string name)
    {
        if (string.IsNullOrEmpty(name)) throw new ArgumentException($"Invalid experiment name: '{name}'");
        ValidateLength("Experiment name", name, MaxExperimentNameLength);
    }

    /// <summary>Registered model names become one folder: no separators, no '%' (mlflow's model registry file store).</summary>
    public static void ValidateModelName(string name)
    {
        if (string.IsNullOrEmpty(name) || name is "." or ".." || name.IndexOfAny(['/', '\\', '%']) >= 0)
            throw new ArgumentException($"Invalid registered model name: '{name}'");
    }

    public static void ValidateAlias(string alias)
    {
        if (string.IsNullOrEmpty(alias) || !AliasPattern().IsMatch(alias))
            throw new ArgumentException($"Invalid alias name: '{alias}'. Names may only contain alphanumerics, underscores (_), and dashes (-).");
        ValidateLength("Registered model alias name", alias, MaxAliasLength);
        if (alias.Equals("latest", StringComparison.OrdinalIgnoreCase) || VersionLikeAliasPattern().IsMatch(alias))
            throw new ArgumentException($"Alias name '{alias}' is reserved.");
    }

    /// <summary>MLflow's path_not_unique, inverted: posixpath.normpath(name) == name, and not ".", "..*" or "/*".</summary>
    private static bool IsUniquePath(string name)
    {
        var normalized = NormalizePosixPath(name);
        return normalized == name && normalized != "." && !normalized.StartsWith("..", StringComparison.Ordinal)
            && !normalized.StartsWith('/');
    }

    private static string NormalizePosixPath(string path)
    {
        if (path.Length == 0) return ".";
        var absolute = path.StartsWith('/');
        var parts = new List<string>();
        foreach (var part in path.Split('/'))
        {
            if (part is "" or ".") continue;
            if (part == ".." && parts.Count > 0 && parts[^1] != "..") parts.RemoveAt(parts.Count - 1);
            else if (part != ".." || !absolute) parts.Add(part);
        }
        var joined = string.Join('/', parts);
        // POSIX keeps exactly two leading slashes; any other number collapses to one.
        var prefix = !absolute ? "" : path.StartsWith("//", StringComparison.Ordinal) && !path.StartsWith("///", StringComparison.Ordinal) ? "//" : "/";
        var result = prefix + joined;
        return result.Length == 0 ? "." : result;
    }
}
