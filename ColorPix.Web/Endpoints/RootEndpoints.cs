using System.Reflection;
using ColorPix.Core.Inference;
using ColorPix.Web.Hosting;
using ColorPix.Web.Storage;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ColorPix.Web.Endpoints;

/// <summary>Liveness, version, service status and health probes: open to everyone.</summary>
public static class RootEndpoints
{
    public static readonly string Version =
        typeof(RootEndpoints).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    public static IEndpointRouteBuilder MapRootEndpoints(this IEndpointRouteBuilder app)
    {
        var service = app.MapGroup("").WithTags(ApiTags.Service);
        service.MapGet("/", Alive).WithName("getAlive").WithSummary("Is the API up? Its version. A browser (Accept: text/html) is sent to the app at /app/.");
        service.MapGet("/status", Status).WithName("getStatus").WithSummary("available or busy, queue depth and latency per model, models loaded with versions");
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(StorageServiceCollectionExtensions.ReadyTag) });
        return app;
    }

    public static Results<Ok<AliveResponse>, RedirectHttpResult> Alive(HttpContext http)
    {
        http.Response.Headers.Vary = "Accept";
        return FrontEnd.WantsPage(http.Request) ? TypedResults.Redirect(FrontEnd.Path) : TypedResults.Ok(new AliveResponse("ColorPix", Version, "ok"));
    }

    public static Ok<StatusResponse> Status(ColorizationQueue queue)
    {
        var status = queue.Status();
        return TypedResults.Ok(new StatusResponse(status.State.ToString().ToLowerInvariant(), status.Models.Sum(m => m.Waiting),
            status.Models.Select(m => new ModelQueueResponse(Core.Models.ModelKinds.Name(m.Kind), m.Available, m.Model?.Version, m.Problem,
                m.Waiting, m.BatchRunning, m.Processed, m.Failed, m.AverageBatchSize, m.P50Ms, m.P95Ms)).ToList()));
    }
}

public sealed record StatusResponse(string Status, int QueueDepth, IReadOnlyList<ModelQueueResponse> Models);

public sealed record ModelQueueResponse(string Model, bool Loaded, string? Version, string? Problem, int Waiting, bool Busy, long Processed,
    long Failed, double AverageBatchSize, double? P50Ms, double? P95Ms);
