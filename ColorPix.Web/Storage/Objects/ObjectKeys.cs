namespace ColorPix.Web.Storage.Objects;

/// <summary>
/// The layout of the object store, and the rules every key follows. Keys are '/'-separated relative paths of
/// non-empty segments; no segment may start with '.', so "..", "." and hidden names (the local store's temp folder)
/// are impossible; backslashes, colons and control characters are refused because they mean something to a file system.
/// </summary>
public static class ObjectKeys
{
    public const int MaxLength = 512;

    public static string UserPrefix(long userId) => $"users/{userId}/";

    public static string ImagePrefix(long userId, Guid imageId) => $"{UserPrefix(userId)}images/{imageId:D}/";

    /// <param name="extension">Without the dot, e.g. "png".</param>
    public static string Original(long userId, Guid imageId, string extension) => $"{ImagePrefix(userId, imageId)}original.{extension}";

    public static string Thumbnail(long userId, Guid imageId) => $"{ImagePrefix(userId, imageId)}thumbnail.jpg";

    /// <param name="model">The model's name, "autoencoder" or "pix2pix".</param>
    public static string Result(long userId, Guid imageId, string model) => $"{ImagePrefix(userId, imageId)}{model}.png";

    public static string ResultThumbnail(long userId, Guid imageId, string model) => $"{ImagePrefix(userId, imageId)}{model}.thumbnail.jpg";

    /// <summary>A registered model version's checkpoint, fetched by every replica that serves it.</summary>
    public static string ModelCheckpoint(string model, string version) => $"models/{model}/{version}.safetensors";

    /// <summary>Returns the key unchanged, or throws saying what is wrong with it.</summary>
    /// <exception cref="ArgumentException"/>
    public static string Validate(string key)
    {
        var problem = ProblemOf(key);
        return problem is null ? key : throw new ArgumentException($"invalid object key '{key}': {problem}", nameof(key));
    }

    public static bool IsValid(string key) => ProblemOf(key) is null;

    private static string? ProblemOf(string key)
    {
        if (string.IsNullOrEmpty(key)) return "empty";
        if (key.Length > MaxLength) return $"longer than {MaxLength} characters";
        if (key.StartsWith('/') || Path.IsPathRooted(key)) return "absolute";
        if (key.Any(c => c is '\\' or ':' || char.IsControl(c))) return "backslash, colon or control character";
        foreach (var segment in key.Split('/'))
        {
            if (segment.Length == 0) return "empty segment";
            if (segment[0] == '.') return "a segment starts with '.'";
        }
        return null;
    }
}
