using System.Text.RegularExpressions;

namespace ColorPix.Core.Data;

/// <summary>
/// What a Debian package's copyright file (/usr/share/doc/PKG/copyright) says about licences. Machine-readable
/// files (DEP-5) name them in "License:" fields of "Files:" paragraphs; older free-form files are searched for the
/// usual phrases. Paths in a DEP-5 file are the upstream source's, not the installed ones, so a file is matched
/// by its name.
/// </summary>
public sealed partial class PackageLicence
{
    private readonly List<(string[] Patterns, string Licence)> paragraphs = [];

    /// <summary>Every licence named, in order of first appearance, joined by ", ".</summary>
    public string Summary { get; }

    private PackageLicence(string text)
    {
        var names = new List<string>();
        foreach (var paragraph in Regex.Split(text.Replace("\r", ""), @"\n[ \t]*\n"))
        {
            var fields = Fields(paragraph);
            if (!fields.TryGetValue("license", out var licence) || licence.Length == 0) continue;
            if (fields.TryGetValue("files", out var files))
                paragraphs.Add((files.Split((char[])[' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries), licence));
            if (files is not null && !names.Contains(licence)) names.Add(licence);
        }
        if (names.Count == 0) names.AddRange(FreeFormLicences(text));
        Summary = names.Count > 0 ? string.Join(", ", names) : "unknown (see the copyright file)";
    }

    public static PackageLicence Parse(string copyrightText) => new(copyrightText);

    public static PackageLicence Read(string copyrightPath) =>
        File.Exists(copyrightPath) ? Parse(File.ReadAllText(copyrightPath)) : Parse("");

    /// <summary>The licence of the last paragraph whose pattern names this file, else of the "Files: *" paragraph,
    /// else null (the file is not mentioned: <see cref="Summary"/> applies).</summary>
    public string? Of(string path)
    {
        var name = Path.GetFileName(path);
        string? named = null, everything = null;
        foreach (var (patterns, licence) in paragraphs)
            foreach (var pattern in patterns)
            {
                if (pattern == "*") everything = licence;
                else if (!pattern.Contains('*') && !pattern.Contains('?') && Path.GetFileName(pattern) == name) named = licence;
            }
        return named ?? everything;
    }

    /// <summary>Field name (lower case) to value; the first line only for License (the rest is its text),
    /// continuation lines joined with '\n' for the others.</summary>
    private static Dictionary<string, string> Fields(string paragraph)
    {
        var fields = new Dictionary<string, string>();
        string? current = null;
        foreach (var line in paragraph.Split('\n'))
        {
            if (line.Length > 0 && (line[0] == ' ' || line[0] == '\t'))
            {
                if (current is not null and not "license") fields[current] += "\n" + line.Trim();
                continue;
            }
            var colon = line.IndexOf(':');
            if (colon <= 0) { current = null; continue; }
            current = line[..colon].Trim().ToLowerInvariant();
            fields[current] = line[(colon + 1)..].Trim();
        }
        return fields;
    }

    private static IEnumerable<string> FreeFormLicences(string text)
    {
        var found = new List<string>();
        foreach (Match match in CreativeCommons().Matches(text))
        {
            var kind = match.Groups[1].Value.Contains("Share", StringComparison.OrdinalIgnoreCase) ? "CC-BY-SA" : "CC-BY";
            var name = $"{kind}-{match.Groups[2].Value}";
            if (!found.Contains(name)) found.Add(name);
        }
        if (GnuGpl().Match(text) is { Success: true } gpl) found.Add($"GPL-{gpl.Groups[1].Value}{(gpl.Groups[2].Success ? "+" : "")}");
        if (text.Contains("public domain", StringComparison.OrdinalIgnoreCase)) found.Add("public-domain");
        return found;
    }

    [GeneratedRegex(@"Creative Commons (Attribution(?:[- ]Share[- ]?Alike)?) (\d\.\d)", RegexOptions.IgnoreCase)]
    private static partial Regex CreativeCommons();

    [GeneratedRegex(@"GNU General\s+Public License.{0,200}?version (\d)( of the License, or\s+\(at your option\) any later version)?",
        RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex GnuGpl();
}
