using System.Text.Json;
using System.Text.Json.Serialization;

namespace ColorPix.Core.Data;

/// <summary>One usable image: where it is, and what it was when the manifest was written.</summary>
/// <param name="Path">Relative to the dataset root, with '/' separators.</param>
public sealed record ManifestEntry(string Path, long Bytes, string Sha256, Split Split, int Width, int Height);

/// <summary>A file found under the root but left out of every split.</summary>
public sealed record SkippedFile(string Path, string Reason);

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
public sealed record DatasetManifest(
    string Name, string Root, int Seed, SplitFractions Fractions, DateTimeOffset CreatedUtc, SplitCounts Counts,
    IReadOnlyList<ManifestEntry> Entries, IReadOnlyList<SkippedFile> Skipped)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
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
