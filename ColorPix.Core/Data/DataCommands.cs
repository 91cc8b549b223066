namespace ColorPix.Core.Data;

/// <summary>The `data` verbs of the CLI: sample, debian, coco, check. Each returns the process exit code.</summary>
public static class DataCommands
{
    public static int Sample(string repoRoot, TextWriter output)
    {
        var manifest = SampleDataset.Build(repoRoot, output);
        output.WriteLine($"wrote {RepoPaths.ManifestPath(repoRoot, manifest.Name)}: {Describe(manifest.Counts)}");
        return manifest.Entries.Count > 0 ? 0 : 1;
    }

    /// <summary>Downloads and unpacks the corpus's packages into data/debian/ (git-ignored), screens and groups their
    /// pictures, writes data/splits/debian.json and the review sheets, and reports the counts.</summary>
    public static int Debian(string repoRoot, TextWriter output)
    {
        var corpusRoot = DebianCorpus.Folder(repoRoot);
        var manifestPath = RepoPaths.ManifestPath(repoRoot, DebianCorpusCatalog.Name);
        var previous = File.Exists(manifestPath) ? DatasetManifest.Load(manifestPath) : null;
        var packages = DebianArchive.Fetch(DebianCorpusCatalog.Sources, corpusRoot, output);
        var build = DebianCorpus.Build(corpusRoot, packages, repoRoot, log: output);
        build.Manifest.Save(manifestPath);
        DebianCorpusReport.Write(build, previous, corpusRoot, output);
        output.WriteLine($"wrote {manifestPath}: {Describe(build.Manifest.Counts)}");
        return build.Manifest.Counts.Test >= DebianCorpus.MinTestPhotos ? 0 : 1;
    }

    /// <summary>Writes data/splits/&lt;name&gt;.json for an MSCOCO download (train2017/, val2017/, ... keep their split).</summary>
    public static int Coco(string source, string name, TextWriter output) => Folder(source, name, RepoPaths.FindRoot(), output);

    public static int Folder(string source, string name, string repoRoot, TextWriter output)
    {
        if (!Directory.Exists(source))
        {
            output.WriteLine($"error: dataset folder {source} does not exist");
            return 2;
        }
        if (ImageFiles.FindRelative(source).Count == 0)
        {
            output.WriteLine($"error: {source} holds no images (jpg, jpeg, png, webp, bmp, tif, tiff)");
            return 2;
        }
        var manifest = ManifestBuilder.Build(name, source, repoRoot, log: output);
        var path = RepoPaths.ManifestPath(repoRoot, name);
        manifest.Save(path);
        output.WriteLine($"wrote {path}: {Describe(manifest.Counts)}");
        return 0;
    }

    /// <summary>Runs the conformity check on data/splits/&lt;name&gt;.json (or on a manifest path).</summary>
    public static int Check(string name, TextWriter output) => CheckAt(RepoPaths.ManifestOf(name, RepoPaths.FindRoot()), output);

    public static int CheckAt(string manifestPath, TextWriter output)
    {
        if (!File.Exists(manifestPath))
        {
            output.WriteLine($"error: no manifest at {manifestPath}");
            return 2;
        }
        var report = DatasetCheck.Run(manifestPath);
        report.WriteTo(output);
        return report.Success ? 0 : 1;
    }

    private static string Describe(SplitCounts c) => $"train {c.Train}, val {c.Val}, test {c.Test}, skipped {c.Skipped}";
}
