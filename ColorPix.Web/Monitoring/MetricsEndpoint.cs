using System.Net;
using System.Security.Cryptography;
using System.Text;
using ColorPix.Core.Inference;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace ColorPix.Web.Monitoring;

/// <summary>
/// GET /metrics in the Prometheus text format, for a scraper only: with no Metrics:BearerToken, loopback clients only
/// (403 to others); with one, every scrape must send it (401 without). Not in the OpenAPI document: it is no JSON API.
/// </summary>
public static class MetricsEndpoint
{
    public const string Path = "/metrics";

    /// <summary>The classic text exposition format, version 0.0.4.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static IEndpointRouteBuilder MapMetricsEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, Scrape).ExcludeFromDescription();
        return app;
    }

    public static async Task<IResult> Scrape(HttpContext http, ServiceMetrics metrics, ColorizationQueue queue, IOptions<MetricsOptions> options)
    {
        if (Refusal(http, options.Value.BearerToken) is { } refused) return refused;
        metrics.Refresh(queue);
        http.Response.ContentType = ContentType;
        await metrics.Registry.CollectAndExportAsTextAsync(http.Response.Body, http.RequestAborted);
        return Results.Empty;
    }

    private static IResult? Refusal(HttpContext http, string token)
    {
        if (token.Length == 0)
            return IsLoopback(http.Connection.RemoteIpAddress) ? null
                : TypedResults.Problem("without Metrics:BearerToken, /metrics answers loopback clients only", statusCode: StatusCodes.Status403Forbidden);
        var sent = http.Request.Headers[HeaderNames.Authorization].ToString();
        var expected = "Bearer " + token;
        if (CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(sent), Encoding.UTF8.GetBytes(expected))) return null;
        http.Response.Headers.WWWAuthenticate = "Bearer";
        return TypedResults.Problem("send 'Authorization: Bearer <Metrics:BearerToken>'", statusCode: StatusCodes.Status401Unauthorized);
    }

    private static bool IsLoopback(IPAddress? address) =>
        address is not null && IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);
}
