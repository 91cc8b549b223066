using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ColorPix.Training.Tracking;

/// <summary>
/// The flat "key: value" YAML of MLflow's meta.yaml files. Writing mirrors PyYAML's safe_dump
/// (block style, keys sorted, strings quoted only where YAML would read them as something else);
/// reading accepts what we write and what PyYAML writes, including its folding of long lines.
/// No YAML package is available, and these files need nothing more.
/// </summary>
public static partial class FlatYaml
{
    /// <summary>A value written as an empty flow sequence, "[]" (MLflow's legacy "tags: []").</summary>
    public static readonly object EmptyList = new();

    public static string Write(IReadOnlyDictionary<string, object?> values)
    {
        var text = new StringBuilder();
        foreach (var (key, value) in values.OrderBy(pair => pair.Key, StringComparer.Ordinal))
            text.Append(key).Append(": ").Append(Scalar(value)).Append('\n');
        return text.ToString();
    }

    /// <summary>Writes through a temporary file and a rename, so a reader never sees a half-written meta.yaml.</summary>
    public static void WriteFile(string path, IReadOnlyDictionary<string, object?> values)
    {
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, Write(values));
        File.Move(temporary, path, overwrite: true);
    }

    public static Dictionary<string, string?> ReadFile(string path) => Read(File.ReadAllText(path));

    /// <summary>Top-level keys and their scalar values (null for YAML null); nested structures stay raw text.</summary>
    public static Dictionary<string, string?> Read(string yaml)
    {
        var raw = new Dictionary<string, StringBuilder>(StringComparer.Ordinal);
        StringBuilder? current = null;
        foreach (var line in yaml.Replace("\r\n", "\n").Split('\n'))
        {
            if (line.Length == 0 || line.TrimStart().StartsWith('#')) continue;
            if (char.IsWhiteSpace(line[0]) || line.StartsWith("- ", StringComparison.Ordinal))
            {
                // PyYAML folds long scalars onto indented continuation lines: a line break reads as a space.
                current?.Append(' ').Append(line.Trim());
                continue;
            }
            var colon = line.IndexOf(": ", StringComparison.Ordinal);
            var (key, value) = colon >= 0 ? (line[..colon], line[(colon + 2)..]) : (line.TrimEnd(':'), "");
            raw[key] = current = new StringBuilder(value.Trim());
        }
        return raw.ToDictionary(pair => pair.Key, pair => Unquote(pair.Value.ToString()), StringComparer.Ordinal);
    }

    private static string Scalar(object? value) => value switch
    {
        null => "null",
        _ when ReferenceEquals(value, EmptyList) => "[]",
        string text => Quote(text),
        int or long => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        _ => throw new ArgumentException($"no flat YAML form for {value.GetType().Name}"),
    };

    [GeneratedRegex(@"^[A-Za-z_/][\w./:\- ]*$")]
    private static partial Regex PlainSafe();

    [GeneratedRegex(@"^(y|n|yes|no|true|false|on|off|null)$", RegexOptions.IgnoreCase)]
    private static partial Regex ReservedWord();

    private static string Quote(string text)
    {
        var plain = PlainSafe().IsMatch(text) && !ReservedWord().IsMatch(text) && !text.EndsWith(' ')
            && !text.EndsWith(':') && !text.Contains(": ", StringComparison.Ordinal) && !text.Contains(" #", StringComparison.Ordinal);
        if (plain) return text;
        if (!text.Any(char.IsControl)) return "'" + text.Replace("'", "''") + "'";
        var escaped = new StringBuilder("\"");
        foreach (var c in text)
            escaped.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\t' => "\\t",
                _ when char.IsControl(c) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        return escaped.Append('"').ToString();
    }

    private static string? Unquote(string value)
    {
        if (value is "" or "~" or "null" or "Null" or "NULL") return null;
        if (value.Length >= 2 && value[0] == '\'' && value[^1] == '\'') return value[1..^1].Replace("''", "'");
        if (value.Length >= 2 && value[0] == '"' && value[^1] == '"') return Regex.Unescape(value[1..^1]);
        return value;
    }
}
