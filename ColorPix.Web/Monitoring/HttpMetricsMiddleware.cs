using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;

namespace ColorPix.Web.Monitoring;

/// <summary>
/// Counts every request by its route template (/images/{id:guid}/original, never a raw path: ids would make a series
/// per image) and final status code. It runs first, outside the exception handler, so the statuses that handler
/// writes (415, 422, 503) are the ones counted; routing has already chosen the endpoint when it runs.
/// </summary>
public sealed class HttpMetricsMiddleware(RequestDelegate next, ServiceMetrics metrics)
{
    /// <summary>The route label of requests no endpoint matched (unknown paths, the web app's static files).</summary>
    public const string Unmatched = "unmatched";

    public async Task InvokeAsync(HttpContext context)
    {
        // Read before the call: the exception handler clears the endpoint when it handles an error.
        var endpoint = context.GetEndpoint();
        var route = (endpoint as RouteEndpoint)?.RoutePattern.RawText ?? Unmatched;
        var started = Stopwatch.GetTimestamp();
        var status = StatusCodes.Status500InternalServerError;
        try
        {
            await next(context);
            status = context.Response.StatusCode;
        }
        finally
        {
            metrics.RecordRequest(route, context.Request.Method, status, Stopwatch.GetElapsedTime(started));
            if (endpoint?.Metadata.GetMetadata<CountsUploads>() is not null)
                metrics.RecordUpload(status, context.Features.Get<IExceptionHandlerFeature>()?.Error);
        }
    }
}
