using System.IO.Compression;
using System.Text;
using ColorPix.Core.Models;
using ColorPix.Web.Storage.Metadata;
using ColorPix.Web.Storage.Objects;

namespace ColorPix.Web.Albums;

/// <summary>
/// The results of an album as one ZIP, written straight to the response: one result at a time is copied from the
/// object store, so a large album never sits in memory. Entry names come from the uploaded names, made safe: only the
/// last segment, only letters, digits and a few marks, never a leading dot, unique within the archive. A name is
/// never used as a path anywhere, here or at upload.
/// </summary>
public static class AlbumArchive
{
    private const int MaxStemLength = 80;

    /// <summary>The archive's entries in album order: (photo, model, entry name).</summary>
    public static IReadOnlyList<(AlbumEntry Entry, ColorizationRecord Result, string Name)> Layout(IReadOnlyList<AlbumEntry> entries,
        IReadOnlyList<ColorizationRecord> results)
    {
        var byImage = results.ToLookup(r => r.ImageId);
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var layout = new List<(AlbumEntry, ColorizationRecord, string)>();
        foreach (var entry in entries.Where(e => e.Status == AlbumEntryStatus.Done && e.ImageId is not null))
        {
            var stem = Stem(entry.Name, entry.Position);
            var unique = stem;
            for (var n = 2; taken.Contains(unique); n++) unique = $"{stem}-{n}";
            taken.Add(unique);
            foreach (var result in byImage[entry.ImageId!.Value].OrderBy(r => r.Model))
                layout.Add((entry, result, $"{unique}.{result.Model.Name()}.png"));
        }
        return layout;
    }

    public static async Task WriteAsync(Stream output, IReadOnlyList<(AlbumEntry Entry, ColorizationRecord Result, string Name)> layout,
        IObjectStore objects, CancellationToken ct)
    {
        var body = new DeferredSyncWrites(output);
        await using (var zip = await ZipArchive.CreateAsync(body, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: Encoding.UTF8, ct))
            await WriteEntriesAsync(zip, layout, objects, ct);
        await body.FlushAsync(ct);
    }

    private static async Task WriteEntriesAsync(ZipArchive zip, IReadOnlyList<(AlbumEntry Entry, ColorizationRecord Result, string Name)> layout,
        IObjectStore objects, CancellationToken ct)
    {
        foreach (var (_, result, name) in layout)
        {
            await using var stored = await objects.GetAsync(result.ResultKey, ct);
            if (stored is null) continue; // storage lost it behind the service's back: the others still download
            // PNGs are compressed already: stored as they are, the archive costs no CPU.
            var entry = zip.CreateEntry(name, CompressionLevel.NoCompression);
            entry.LastWriteTime = result.CreatedAt;
            await using var data = await entry.OpenAsync(ct);
            await stored.Content.CopyToAsync(data, ct);
        }
    }

    /// <summary>A safe file stem from an uploaded name: "../../etc/passwd" becomes "passwd", "C:\x\..\.bashrc" "bashrc".</summary>
    internal static string Stem(string uploadedName, int position)
    {
        var last = uploadedName.Split('/', '\\').LastOrDefault(s => s.Length > 0) ?? "";
        var withoutExtension = Path.GetExtension(last).Length > 0 ? last[..^Path.GetExtension(last).Length] : last;
        var safe = new StringBuilder();
        foreach (var c in withoutExtension)
            safe.Append(char.IsLetterOrDigit(c) || c is '-' or '_' or ' ' or '.' ? c : '_');
        var stem = safe.ToString().Trim().TrimStart('.').Trim();
        if (stem.Length > MaxStemLength) stem = stem[..MaxStemLength];
        return stem.Length == 0 ? $"photo-{position + 1}" : stem;
    }
}
