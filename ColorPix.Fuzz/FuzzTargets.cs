using ColorPix.Fuzz.Targets;

namespace ColorPix.Fuzz;

public static class FuzzTargets
{
    public static readonly IReadOnlyList<IFuzzTarget> All =
        [new ProbeTarget(), new DecodeTarget(), new TiffDecodeTarget(), new SafeTensorsTarget(), new AlbumZipTarget()];

    public static IFuzzTarget? Find(string name) => All.FirstOrDefault(t => t.Name == name);

    /// <summary>Where a target's corpus is kept: the seeds AFL starts from and the inputs CI replays.</summary>
    public static string CorpusFolder(string repoRoot, IFuzzTarget target) => Path.Combine(repoRoot, "ColorPix.Fuzz", "corpus", target.Name);

    public static string Names => string.Join(", ", All.Select(t => t.Name));
}
