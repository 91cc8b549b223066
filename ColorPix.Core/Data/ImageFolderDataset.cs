using System.Buffers;
using ColorPix.Core.Imaging;

namespace ColorPix.Core.Data;

/// <summary>
/// One split of a manifest's images. Files that went missing or changed size since the manifest was written
/// are left out and listed in <see cref="Problems"/>, so a run starts anyway and says what it lacked.
/// </summary>
public sealed class ImageFolderDataset
{
    public string Root { get; }
    public IReadOnlyList<ManifestEntry> Entries { get; }
    public IReadOnlyList<FileProblem> Problems { get; }

    public ImageFolderDataset(string root, IReadOnlyList<ManifestEntry> entries, IReadOnlyList<FileProblem>? problems = null)
    {
        Root = root;
        Entries = entries;
        Problems = problems ?? [];
    }

    public static ImageFolderDataset Open(LoadedDataset dataset, Split split, int? decodeMinSide = null)
    {
        var manifest = dataset.Manifest;
        var problems = ManifestVerifier.Verify(manifest, dataset.Root).ToList();
        var broken = problems.Select(p => p.Path).ToHashSet();
        problems.RemoveAll(p => manifest.Entries.First(e => e.Path == p.Path).Split != split);
        var entries = manifest.In(split).Where(e => !broken.Contains(e.Path)).ToList();
        return new ImageFolderDataset(dataset.Root, entries, problems) { DecodeMinSide = decodeMinSide };
    }

    public int Count => Entries.Count;

    /// <summary>The shorter side the loader needs (2x the training size is plenty for its crops): JPEGs then decode at
    /// 1/2, 1/4 or 1/8 scale, so a 20-megapixel wallpaper costs a 300 KB decode, not 80 MB. Null decodes in full.</summary>
    public int? DecodeMinSide { get; init; }

    public string FullPath(int index) => Path.Combine(Root, Entries[index].Path);

    /// <summary>The decoded RGB image, or null with the reason when the file has become unreadable or is
    /// grayscale: the loader skips and counts such files rather than stopping the run.</summary>
    public Image? TryLoad(int index, out string? rejection)
    {
        // The file goes through a pooled buffer: photos are megabytes, and a fresh array each would land on the large
        // object heap, whose churn forced a full GC every few batches. Fewer GCs also mean fewer chances for TorchSharp
        // 0.107's temporary Scalars to be finalized while libtorch still reads them (README, "Known engine issue").
        byte[]? buffer = null;
        try
        {
            using var file = File.OpenRead(FullPath(index));
            var length = checked((int)file.Length);
            buffer = ArrayPool<byte>.Shared.Rent(length);
            file.ReadExactly(buffer, 0, length);
            return SourceImageScreen.TryDecode(buffer.AsSpan(0, length), out rejection,
                DecodeMinSide is { } side ? new ImageDecodeOptions { MinSide = side } : null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            rejection = "unreadable: " + e.Message;
            return null;
        }
        finally
        {
            if (buffer is not null) ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
