using System.Text.Json;
using ColorPix.Core.Data;
using ColorPix.Web.Auth;
using ColorPix.Web.Endpoints;
using ColorPix.Web.Alerts;
using ColorPix.Web.Lifecycle;
using ColorPix.Web.Monitoring;
using ColorPix.Web.Photos;
using ColorPix.Web.Storage;
using Microsoft.AspNetCore.Http.Features;

namespace ColorPix.Web.Hosting;

/// <summary>The `colorpix serve` host: registrations first, then the endpoint groups. Configuration comes from the
/// clone's appsettings.json, then environment variables (Section__Key), then the command line.</summary>
public static class ColorPixApp
{
    public static WebApplication Build(string[] args, IDictionary<string, string?>? overrides = null)
    {
        var root = RepoPaths.FindRoot();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = root, WebRootPath = FrontEnd.WebRoot(root) });
        if (overrides is not null) builder.Configuration.AddInMemoryCollection(overrides);

        builder.Services.AddOptions<LimitsOptions>().BindConfiguration(LimitsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var limits = builder.Configuration.GetSection(LimitsOptions.Section).Get<LimitsOptions>() ?? new LimitsOptions();
        // Refuse oversized bodies while they stream in, not after buffering them (413). The room above MaxUploadBytes is
        // for the multipart framing. The file part gets the same limit, so an oversized upload always meets Kestrel's
        // limit (413) and never the multipart reader's (which fails as a 400).
        var maxBody = limits.MaxUploadBytes + 64 * 1024;
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = maxBody);
        builder.Services.Configure<FormOptions>(o => o.MultipartBodyLengthLimit = maxBody);
        // Binding failures throw to ProblemMapping, whose problem names the parameter, instead of an empty 400.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower);
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ProblemDefaults.Fill);
        builder.Services.AddExceptionHandler<ProblemMapping>();

        Drain.Register(builder);
        builder.AddColorPixStorage();
        SharedKeyRing.Register(builder);   // after the storage: Data Protection reads its ring at start, once migrated
        builder.AddColorPixAuth();
        builder.AddColorPixInference();
        builder.AddColorPixPhotos();
        builder.AddColorPixLifecycle();
        builder.AddColorPixAlertMail();
        builder.AddColorPixForwardedClients();
        builder.AddColorPixRateLimits();
        builder.AddColorPixOpenApi();
        builder.AddColorPixMonitoring();

        var app = builder.Build();
        app.UseColorPixForwardedClients();
        app.UseColorPixMetrics();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseColorPixOpenApi();
        app.UseColorPixFrontEnd();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();

        app.MapRootEndpoints();
        app.MapAuthEndpoints();
        app.MapImageEndpoints();
        app.MapColorizeEndpoints();
        app.MapAlbumEndpoints();
        app.MapPreferenceEndpoints();
        app.MapAdminEndpoints();
        app.MapColorPixMetrics();
        return app;
    }
}
