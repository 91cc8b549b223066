using System.Text.RegularExpressions;
using ColorPix.Core.Data;
using ColorPix.Web.Storage.Metadata;
using ColorPix.Web.Storage.Objects;

namespace ColorPix.Web.Storage;

/// <summary>
/// `colorpix data export-consented --name NAME`: the uploads whose owners consent now, as a training-only dataset:
/// data/splits/NAME.json, with the originals copied out of the object store into data/NAME/ (which ignores itself in
/// git: the photos are the users'). Every export starts from <see cref="IImageStore.ListConsentedAsync"/> alone and
/// replaces the previous one, files included, so a withdrawal or a deleted account takes the image out at the next
/// export. Everything goes to the train split: the held-out splits of the corpora stay what they were.
/// <para>An image whose content (sha256 of the original) a base corpus or an earlier consented upload already has is
/// listed as skipped, not copied; so is an upload that was gray already (it has no colours to learn from). With no
/// consented image the manifest is empty rather than refused: the files of an earlier export must still go.</para>
/// </summary>
public sealed partial class ConsentedExport(IImageStore images, IObjectStore objects, TimeProvider clock, TextWriter log)
{
    public const string Source = "colorpix-upload";
    public const string Licence = "uploaded by a ColorPix user who consented to training";

    /// <summary>Why NAME cannot be exported to, or null: a name with path characters or '+' (which joins datasets in
    /// --data), or one whose manifest or folder holds something other than an earlier export.</summary>
    public static string? Refusal(string name, string repoRoot)
    {
        if (!ValidName().IsMatch(name))
            return $"--name '{name}' must be 1 to 64 letters, digits, '-' or '_', starting with a letter or digit (no path, no '+')";
        var manifestPath = RepoPaths.ManifestPath(repoRoot, name);
        var isExport = File.Exists(manifestPath) && TryLoad(manifestPath)?.Uploads is not null;
        if (File.Exists(manifestPath) && !isExport)
            return $"{manifestPath} is not an export of consented uploads: it is left as it is; choose another --name";
        var folder = Folder(repoRoot, name);
        if (!isExport && (folder == RepoPaths.SplitsFolder(repoRoot) || Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any()))
            return $"{folder} already holds files that no export of consented uploads wrote: choose another --name";
        return null;
    }

    /// <param name="against">Manifests (names or paths) whose images are left out; null: every manifest in data/splits/ but NAME's.</param>
    public async Task<ExportSummary> RunAsync(string name, IReadOnlyList<string>? against, string repoRoot, CancellationToken cancellationToken)
    {
        if (Refusal(name, repoRoot) is { } refusal) throw new ArgumentException(refusal);
        var manifestPath = RepoPaths.ManifestPath(repoRoot, name);
        var bases = BaseManifests(against, manifestPath, repoRoot);
        var corpus = CorpusHashes.Of(bases, log);
        var folder = Folder(repoRoot, name);
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, ".gitignore"), "*\n", cancellationToken);

        var entries = new List<ManifestEntry>();
        var skipped = new List<SkippedFile>();
        var exported = new Dictionary<string, string>(StringComparer.Ordinal); // sha256 -> file
        var duplicates = 0;
        await foreach (var image in ConsentedAsync(cancellationToken))
        {
            var file = $"{image.Id:D}.{image.OriginalFormat}";
            var copyOf = corpus.TryGetValue(image.Sha256, out var inCorpus) ? inCorpus : exported.GetValueOrDefault(image.Sha256);
            if (copyOf is not null) duplicates++;
            var reason = copyOf is not null ? $"duplicate of {copyOf}"
                : image.WasGrayscale ? "grayscale upload: no colours to learn from"
                : await CopyAsync(image, Path.Combine(folder, file), cancellationToken) ? null
                : "missing in the object store, or its bytes no longer match the recorded sha256";
            if (reason is not null)
            {
                skipped.Add(new SkippedFile(file, reason));
                continue;
            }
            exported[image.Sha256] = file;
            entries.Add(new ManifestEntry(file, image.ByteSize, image.Sha256, Split.Train, image.Width, image.Height, Source: Source,
                Licence: Licence, Consent: new ConsentRecord(image.OwnerId, image.Id, image.ConsentChangedAt)));
        }
        RemoveAllBut(folder, entries.Select(e => e.Path).Append(".gitignore").ToHashSet());

        new DatasetManifest(name, RepoPaths.ToRecordedRoot(folder, repoRoot), Seed: 0, new SplitFractions(1, 0, 0), clock.GetUtcNow(),
                SplitCounts.Of(entries, skipped.Count), entries, skipped,
                Uploads: new ExportedUploads(bases.Select(b => RepoPaths.ToRecordedRoot(b, repoRoot)).ToList()))
            .Save(manifestPath);
        return new ExportSummary(entries.Count, duplicates, skipped.Count - duplicates, manifestPath, folder);
    }

    private async IAsyncEnumerable<ImageRecord> ConsentedAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var offset = 0; ;)
        {
            var page = await images.ListConsentedAsync(offset, ImageStoreLimits.MaxPageSize, cancellationToken);
            foreach (var image in page.Items) yield return image;
            offset += page.Items.Count;
            if (page.Items.Count == 0 || offset >= page.Total) yield break;
        }
    }

    /// <summary>Copies the original unless the file there already has its bytes; false when the store lacks them.</summary>
    private async Task<bool> CopyAsync(ImageRecord image, string path, CancellationToken cancellationToken)
    {
        if (File.Exists(path) && new FileInfo(path).Length == image.ByteSize && ManifestBuilder.Sha256OfFile(path) == image.Sha256) return true;
        var bytes = await objects.GetBytesAsync(image.OriginalKey, cancellationToken);
        if (bytes is null || ManifestBuilder.Sha256Hex(bytes) != image.Sha256)
        {
            log.WriteLine($"warning: image {image.Id:D}: the object store does not hold its original as recorded: not exported");
            return false;
        }
        await File.WriteAllBytesAsync(path, bytes, cancellationToken);
        return true;
    }

    private static List<string> BaseManifests(IReadOnlyList<string>? against, string manifestPath, string repoRoot)
    {
        var paths = against is { Count: > 0 }
            ? against.Select(a => RepoPaths.ManifestOf(a, repoRoot)).ToList()
            : Directory.Exists(RepoPaths.SplitsFolder(repoRoot))
                ? Directory.GetFiles(RepoPaths.SplitsFolder(repoRoot), "*.json").Order(StringComparer.Ordinal).ToList()
                : [];
        if (paths.FirstOrDefault(p => !File.Exists(p)) is { } missing) throw new FileNotFoundException($"--against: no manifest at {missing}", missing);
        return paths.Where(p => Path.GetFullPath(p) != Path.GetFullPath(manifestPath)).ToList();
    }

    private static void RemoveAllBut(string folder, IReadOnlySet<string> kept)
    {
        foreach (var file in Directory.EnumerateFiles(folder))
            if (!kept.Contains(Path.GetFileName(file))) File.Delete(file);
    }

    private static string Folder(string repoRoot, string name) => Path.Combine(RepoPaths.DataFolder(repoRoot), name);

    private static DatasetManifest? TryLoad(string path)
    {
        try { return DatasetManifest.Load(path); }
        catch (Exception e) when (e is IOException or System.Text.Json.JsonException) { return null; }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")]
    private static partial Regex ValidName();
}

/// <param name="Skipped">Left out for another reason than a duplicate: gray uploads, originals missing from the store.</param>
public sealed record ExportSummary(int Exported, int Duplicates, int Skipped, string ManifestPath, string Folder);
