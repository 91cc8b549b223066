namespace ColorPix.Core.Data;

/// <summary>
/// Brings the corpus's packages into its root without installing them: `apt-get download` into ROOT/debs/, then
/// `dpkg -x` into ROOT/PACKAGE/. A package is fetched and unpacked again only when apt's candidate version is not
/// the one already there, so a rebuild on the same day reads the same bytes.
/// </summary>
public static class DebianArchive
{
    private const string Stamp = ".colorpix-deb-sha256";

    public static string DebsFolder(string corpusRoot) => Path.Combine(corpusRoot, "debs");

    public static IReadOnlyList<ExtractedPackage> Fetch(IEnumerable<DebianSource> sources, string corpusRoot, TextWriter log)
    {
        var packages = new List<ExtractedPackage>();
        foreach (var source in sources)
        {
            var version = DebianPackages.CandidateVersion(source.Package)
                          ?? throw new InvalidOperationException($"apt knows no package {source.Package} (run apt-get update)");
            var deb = CachedDeb(source.Package, version, corpusRoot);
            if (deb is null)
            {
                log.WriteLine($"  downloading {source.Package} {version} ...");
                deb = DebianPackages.Download(source.Package, version, DebsFolder(corpusRoot));
            }
            var sha256 = ManifestBuilder.Sha256OfFile(deb);
            var root = Path.Combine(corpusRoot, source.Package);
            var stamp = Path.Combine(root, Stamp);
            if (!File.Exists(stamp) || File.ReadAllText(stamp).Trim() != sha256)
            {
                // Unpacked afresh: a file the new version dropped must not linger.
                if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
                DebianPackages.Extract(deb, root);
                File.WriteAllText(stamp, sha256 + "\n");
            }
            packages.Add(new ExtractedPackage(source, version, sha256, root));
        }
        return packages;
    }

    private static string? CachedDeb(string package, string version, string corpusRoot)
    {
        var folder = DebsFolder(corpusRoot);
        return Directory.Exists(folder)
            ? Directory.GetFiles(folder, package + "_*.deb").Order(StringComparer.Ordinal)
                .FirstOrDefault(d => DebianPackages.ControlField(d, "Package") == package && DebianPackages.ControlField(d, "Version") == version)
            : null;
    }
}
