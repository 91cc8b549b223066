namespace ColorPix.Core.Data;

/// <summary>
/// The content hashes (SHA-256 of the file's bytes, lowercase hex, as <see cref="ManifestBuilder"/> records them) of
/// the images some manifests hold, to leave out an image a corpus already has. An entry that records no hash (a
/// manifest written by hand or by another tool) is hashed from its file, a symbolic link from its target, exactly as
/// the builder would have; an entry without a hash whose file is missing is left out with a warning, not an error.
/// </summary>
public static class CorpusHashes
{
    /// <returns>Each hash with where the corpus holds it ("name:path"), the first manifest that has it winning.</returns>
    public static IReadOnlyDictionary<string, string> Of(IEnumerable<string> manifestPaths, TextWriter log)
    {
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in manifestPaths)
        {
            var manifest = DatasetManifest.Load(path);
            var root = manifest.RootOnDisk(path);
            foreach (var entry in manifest.Entries)
                if (HashOf(entry, root, manifest.Name, log) is { } hash) hashes.TryAdd(hash, $"{manifest.Name}:{entry.Path}");
        }
        return hashes;
    }

    private static string? HashOf(ManifestEntry entry, string root, string name, TextWriter log)
    {
        if (!string.IsNullOrEmpty(entry.Sha256)) return entry.Sha256.ToLowerInvariant();
        if (ImageFiles.RealPath(Path.Combine(root, entry.Path)) is { } file && File.Exists(file)) return ManifestBuilder.Sha256OfFile(file);
        log.WriteLine($"warning: {name}: {entry.Path} records no sha256 and its file is missing: not compared");
        return null;
    }
}
