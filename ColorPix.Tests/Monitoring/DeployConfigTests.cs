using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using ColorPix.Core.Data;
using ColorPix.Tests.Api.Infrastructure;

namespace ColorPix.Tests.Monitoring;

/// <summary>The shipped Grafana dashboard and Prometheus alerts ask only for series a real ColorPix exposes: every
/// colorpix_ name in their PromQL (histograms by their _bucket, _sum, _count series) is in a scrape after a session
/// that used every metric.</summary>
public partial class DeployConfigTests
{
    private static readonly string Root = RepoPaths.FindRoot();

    [Test]
    public async Task Every_metric_the_dashboard_and_the_alerts_query_is_in_a_real_scrape()
    {
        var queried = DashboardExpressions().Concat(AlertExpressions())
            .SelectMany(e => MetricName().Matches(e).Select(m => (Metric: m.Value, Expression: e))).ToList();
        await using var server = await ApiServer.StartAsync();
        var user = await server.SignUpAsync();
        var id = await user.UploadedAsync(TestPhotos.GrayPng(32, 24));
        (await user.ColorizeAsync(id)).StatusCode.Should().Be(HttpStatusCode.OK);

        var exposed = (await Scrape.OfAsync(server)).Names;

        queried.Select(q => q.Metric).Distinct().Should().HaveCountGreaterThan(10, "the dashboard and alerts cover the service");
        queried.Where(q => !exposed.Contains(q.Metric)).Select(q => $"{q.Metric} in {q.Expression}").Should().BeEmpty();
    }

    [Test]
    public void Every_alert_has_its_expression_on_one_line()
    {
        var alerts = File.ReadLines(AlertsPath).Count(l => l.TrimStart().StartsWith("- alert:", StringComparison.Ordinal));

        AlertExpressions().Should().HaveCount(alerts).And.OnlyContain(e => e.Length > 0 && e != "|" && e != ">");
    }

    private static string AlertsPath => Path.Combine(Root, "deploy", "prometheus", "alerts.yml");

    private static IEnumerable<string> AlertExpressions() =>
        File.ReadLines(AlertsPath).Select(l => AlertExpression().Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value.Trim());

    private static IEnumerable<string> DashboardExpressions()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "deploy", "grafana", "colorpix.json")));
        var expressions = new List<string>();
        Collect(dashboard.RootElement, expressions);
        expressions.Should().NotBeEmpty();
        return expressions;
    }

    private static void Collect(JsonElement element, List<string> expressions)
    {
        if (element.ValueKind == JsonValueKind.Object)
            foreach (var property in element.EnumerateObject())
                if (property.Name == "expr") expressions.Add(property.Value.GetString()!);
                else Collect(property.Value, expressions);
        else if (element.ValueKind == JsonValueKind.Array)
            foreach (var item in element.EnumerateArray()) Collect(item, expressions);
    }

    [GeneratedRegex(@"\bcolorpix_[a-z0-9_]+\b")]
    private static partial Regex MetricName();

    [GeneratedRegex(@"^\s*expr:\s*(.*)$")]
    private static partial Regex AlertExpression();
}
