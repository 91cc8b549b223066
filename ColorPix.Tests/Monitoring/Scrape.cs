using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using ColorPix.Tests.Api.Infrastructure;

namespace ColorPix.Tests.Monitoring;

/// <summary>One sample of a scrape: a series' name (with _total, _bucket, _sum, _count), labels and value.</summary>
public sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

/// <summary>
/// GET /metrics, read by Debian's python3-prometheus-client (`prometheus_client.parser`), not by our own code: a
/// scrape it cannot parse fails the test, and the values asserted are the ones a Prometheus would store.
/// </summary>
public sealed class Scrape(IReadOnlyList<Sample> samples)
{
    private const string Python = "/usr/bin/python3";

    private const string Parser = """
        import json, sys
        from prometheus_client.parser import text_string_to_metric_families
        print(json.dumps([{"name": s.name, "labels": s.labels, "value": s.value}
                          for f in text_string_to_metric_families(sys.stdin.read()) for s in f.samples]))
        """;

    public IReadOnlyList<Sample> Samples { get; } = samples;

    public IReadOnlySet<string> Names => Samples.Select(s => s.Name).ToHashSet();

    public static async Task<Scrape> OfAsync(ApiServer server, string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        if (token is not null) request.Headers.Authorization = new("Bearer", token);
        using var response = await server.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, text);
        response.Content.Headers.ContentType!.ToString().Should().StartWith("text/plain; version=0.0.4");
        return Parse(text);
    }

    public static Scrape Parse(string text)
    {
        if (!File.Exists(Python)) Assert.Fail($"{Python} is missing: run scripts/setup.sh test (installs python3-prometheus-client)");
        var start = new ProcessStartInfo(Python) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(Parser);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(text);
        process.StandardInput.Close();
        if (!process.WaitForExit(TimeSpan.FromMinutes(1))) { process.Kill(); Assert.Fail("the parser did not finish in a minute"); }
        process.ExitCode.Should().Be(0, $"prometheus_client must parse the scrape: {error.Result}\n{text}");
        using var json = JsonDocument.Parse(output.Result);
        return new Scrape(json.RootElement.EnumerateArray().Select(s => new Sample(s.GetProperty("name").GetString()!,
            s.GetProperty("labels").EnumerateObject().ToDictionary(l => l.Name, l => l.Value.GetString()!),
            s.GetProperty("value").GetDouble())).ToList());
    }

    /// <summary>The value of the one series with this name and (at least) these labels, given as "key=value".</summary>
    public double Value(string name, params string[] labels)
    {
        var matching = Series(name, labels);
        matching.Should().ContainSingle($"one series {name}{{{string.Join(',', labels)}}} expected");
        return matching[0].Value;
    }

    public IReadOnlyList<Sample> Series(string name, params string[] labels)
    {
        var wanted = labels.Select(l => l.Split('=', 2)).ToList();
        return Samples.Where(s => s.Name == name && wanted.All(w => s.Labels.TryGetValue(w[0], out var v) && v == w[1])).ToList();
    }

    public override string ToString() => string.Join('\n', Samples.Select(s =>
        $"{s.Name}{{{string.Join(',', s.Labels.Select(l => $"{l.Key}=\"{l.Value}\""))}}} {s.Value.ToString(CultureInfo.InvariantCulture)}"));
}
