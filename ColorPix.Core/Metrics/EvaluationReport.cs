using System.Text.Json;

namespace ColorPix.Core.Metrics;

/// <summary>A model's means next to the gray baseline's on the same images; serialised as camelCase JSON.</summary>
public sealed record EvaluationReport(EvaluationSummary Model, EvaluationSummary GrayBaseline)
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    public static EvaluationReport FromJson(string json) =>
        JsonSerializer.Deserialize<EvaluationReport>(json, JsonOptions) ?? throw new JsonException("the evaluation report is null");
}
