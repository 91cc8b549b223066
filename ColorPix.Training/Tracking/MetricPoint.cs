using System.Globalization;

namespace ColorPix.Training.Tracking;

/// <summary>One logged metric value: a line "&lt;timestamp_ms&gt; &lt;value&gt; &lt;step&gt;" of a metrics file.</summary>
public sealed record MetricPoint(long Timestamp, double Value, long Step)
{
    /// <summary>
    /// Non-finite values are spelled as MLflow's own Python writes them (f"{value}": nan, inf, -inf),
    /// which its float() parser reads back; finite ones round-trip exactly, culture-invariant.
    /// </summary>
    public string ToLine() => string.Create(CultureInfo.InvariantCulture, $"{Timestamp} {FormatValue(Value)} {Step}\n");

    public static string FormatValue(double value) => value switch
    {
        double.NaN => "nan",
        double.PositiveInfinity => "inf",
        double.NegativeInfinity => "-inf",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    /// <summary>Parses a line as MLflow does: two or three fields, the step defaulting to 0.</summary>
    public static MetricPoint Parse(string line)
    {
        var parts = line.Trim().Split(' ');
        if (parts.Length is not (2 or 3)) throw new FormatException($"malformed metric line '{line}': expected 2 or 3 fields");
        var step = parts.Length == 3 ? long.Parse(parts[2], CultureInfo.InvariantCulture) : 0;
        return new MetricPoint(long.Parse(parts[0], CultureInfo.InvariantCulture), ParseValue(parts[1]), step);
    }

    private static double ParseValue(string text) => text.ToLowerInvariant() switch
    {
        "nan" or "+nan" or "-nan" => double.NaN,
        "inf" or "+inf" or "infinity" or "+infinity" => double.PositiveInfinity,
        "-inf" or "-infinity" => double.NegativeInfinity,
        _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    /// <summary>MLflow reports the point with the largest (step, timestamp, value) as a metric's latest value.</summary>
    public static MetricPoint Latest(IEnumerable<MetricPoint> points) =>
        points.OrderBy(p => p.Step).ThenBy(p => p.Timestamp).ThenBy(p => double.IsNaN(p.Value) ? double.NegativeInfinity : p.Value).Last();
}
