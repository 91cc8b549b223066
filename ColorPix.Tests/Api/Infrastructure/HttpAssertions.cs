using System.Net;
using System.Text.Json;

namespace ColorPix.Tests.Api.Infrastructure;

public static class HttpAssertions
{
    /// <summary>The JSON body of a response that must have this status (the body is in the failure message).</summary>
    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(status, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>An RFC 9457 problem with this status: type, title, status and detail present, and nothing of the
    /// server's insides (stack frames, exception type names) anywhere in it.</summary>
    public static async Task<JsonElement> ProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(status, body);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json", body);
        body.Should().NotContainAny(["   at ", "Exception", ".cs:line", "ColorPix."], "a problem must not leak the server's insides");
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        foreach (var member in new[] { "type", "title", "detail" })
            problem.TryGetProperty(member, out var value).Should().BeTrue($"a problem has '{member}': {body}");
        problem.GetProperty("type").GetString().Should().NotBeNullOrWhiteSpace(body);
        problem.GetProperty("title").GetString().Should().NotBeNullOrWhiteSpace(body);
        problem.GetProperty("detail").GetString().Should().NotBeNullOrWhiteSpace(body);
        problem.GetProperty("status").GetInt32().Should().Be((int)status, body);
        return problem;
    }

    /// <summary>The problem without its per-request trace id, to compare two answers.</summary>
    public static string WithoutTraceId(this JsonElement problem) =>
        JsonSerializer.Serialize(problem.EnumerateObject().Where(p => p.Name is not ("traceId" or "trace_id")).ToDictionary(p => p.Name, p => p.Value));

    public static IEnumerable<string> Names(this JsonElement array, string member) =>
        array.EnumerateArray().Select(e => e.GetProperty(member).GetString()!);
}
