using System.Text.Json;
using System.Text.Json.Serialization;

namespace ColorPix.Core.Data;

/// <summary>One usable image: where it is, and what it was when the manifest was written.</summary>
/// <param name="Path">Relative to the dataset root, with '/' separators.</param>
/// <param name="Bytes">Size of the file, or of the file a symbolic link resolves to (as is <paramref name="Sha256"/>).</param>
/// <param name="Group">The <see cref="ImageGroup"/> of files showing the same picture, when there is one: a group sits in one split.</param>
/// <param name="Source">The <see cref="DatasetSource"/> (a Debian package) the file comes from, when the manifest records sources.</param>
/// <param name="Licence">The licence the source's copyright file gives this file (by name, or for all its files);
/// absent when it does not say, and then the source's licences apply.</param>
/// <param name="Consent">For a user's upload, whose consent lets it be trained on (ids only).</param>
public sealed record ManifestEntry(string Path, long Bytes, string Sha256, Split Split, int Width, int Height,
    string? Group = null, string? Source = null, string? Licence = null, ConsentRecord? Consent = null);

/// <summary>Who allowed an upload to be trained on, and since when: ids only, no name or other personal data, so that
/// the manifest can be shared and a withdrawal can be traced to the export that still held the image.</summary>
/// <param name="ConsentedAt">When the owner last set the image's consent (on).</param>
public sealed record ConsentRecord(long OwnerId, Guid ImageId, DateTimeOffset ConsentedAt);

/// <summary>Marks a manifest as exported from the service's consented uploads (`data export-consented`): only such a
/// manifest may be replaced by the next export of the same name.</summary>
/// <param name="DedupedAgainst">The manifests whose images were left out as already present.</param>
public sealed record ExportedUploads(IReadOnlyList<string> DedupedAgainst);

/// <summary>A file found under the root but left out of every split.</summary>
/// <param name="Group">Set when the file was left out as another view of a group's picture.</param>
public sealed record SkippedFile(string Path, string Reason, string? Group = null, string? Source = null);

/// <summary>Where a dataset's files come from, pinned so that a rebuild on another day can tell what changed.</summary>
/// <param name="Name">The Debian package.</param>
/// <param name="Version">The package version, from the .deb's control file.</param>
/// <param name="DebSha256">sha256 of the downloaded .deb.</param>
/// <param name="Licence">The licences its copyright file names (DEP-5 "License:" fields), or its first line.</param>
/// <param name="Copyright">Where the full copyright file is, relative to the dataset root.</param>
public sealed record DatasetSource(string Name, string Version, string DebSha256, string Licence, string Copyright);

/// <summary>Files that show one picture (a symbolic link and its target, identical copies, one wallpaper at several
/// resolutions, a re-encoding): the whole group is in one split. A corpus built from packages lists only
/// <paramref name="Kept"/> (the largest) as an entry; a folder's manifest lists every member, all in that split.</summary>
/// <param name="Id">The first 12 hex digits of the kept file's sha256.</param>
/// <param name="Members">Every file of the group, the kept one included, with why it belongs.</param>
public sealed record ImageGroup(string Id, Split Split, string Kept, IReadOnlyList<GroupMember> Members);

/// <param name="Relation">How the file is tied to the group: "kept", "symlink to X", "identical", "dhash N", "same wallpaper", ...</param>
public sealed record GroupMember(string Path, string Relation);

public sealed record SplitCounts(int Train, int Val, int Test, int Skipped)
{
    public static SplitCounts Of(IReadOnlyCollection<ManifestEntry> entries, int skipped) => new(
        entries.Count(e => e.Split == Split.Train), entries.Count(e => e.Split == Split.Val),
        entries.Count(e => e.Split == Split.Test), skipped);

    public int this[Split split] => split switch { Split.Train => Train, Split.Val => Val, _ => Test };
}

/// <summary>
/// data/splits/&lt;name&gt;.json: exactly which images a run used, and in which split, without copying them.
/// </summary>
/// <param name="Root">The dataset folder as given: relative to the repository when inside it.</param>
/// <param name="Sources">The packages the files come from (only for datasets built from packages).</param>
/// <param name="Groups">The groups of more than one file (files of one picture); absent when there are none.</param>
/// <param name="Uploads">Set on a manifest of consented uploads.</param>
public sealed record DatasetManifest(
    string Name, string Root, int Seed, SplitFractions Fractions, DateTimeOffset CreatedUtc, SplitCounts Counts,
    IReadOnlyList<ManifestEntry> Entries, IReadOnlyList<SkippedFile> Skipped,
    IReadOnlyList<DatasetSource>? Sources = null, IReadOnlyList<ImageGroup>? Groups = null, ExportedUploads? Uploads = null)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        // The optional fields (group, source, sources, groups) stay out of manifests that have none.
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public IEnumerable<ManifestEntry> In(Split split) => Entries.Where(e => e.Split == split);

    /// <summary>The dataset folder on this machine; <paramref name="manifestPath"/> locates the repository.</summary>
    public string RootOnDisk(string manifestPath) => RepoPaths.FromRecordedRoot(Root, RepoPaths.RootOfManifest(manifestPath));

    public void Save(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, JsonSerializer.Serialize(this, Json) + "\n");
    }

    public static DatasetManifest Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"no manifest at {path}", path);
        return JsonSerializer.Deserialize<DatasetManifest>(File.ReadAllText(path), Json)
               ?? throw new InvalidDataException($"{path} is not a dataset manifest");
    }
}
