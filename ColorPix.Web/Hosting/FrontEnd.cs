using Microsoft.AspNetCore.StaticFiles;

namespace ColorPix.Web.Hosting;

/// <summary>The browser app: plain static files under /app/, served by this process on the API's own origin, so the
/// app needs no CORS and its bearer token never leaves the origin.</summary>
public static class FrontEnd
{
    public const string Path = "/app/";

    // Scripts, styles and images only from this origin; blob: for the photos the app fetches with its token.
    private const string ContentSecurityPolicy =
        "default-src 'self'; img-src 'self' blob: data:; script-src 'self'; style-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>ColorPix.Web/wwwroot in a clone; wwwroot beside the binary when published.</summary>
    public static string WebRoot(string repoRoot)
    {
        var inClone = System.IO.Path.Combine(repoRoot, "ColorPix.Web", "wwwroot");
        var published = System.IO.Path.Combine(AppContext.BaseDirectory, "wwwroot");
        return Directory.Exists(inClone) || !Directory.Exists(published) ? inClone : published;
    }

    public static WebApplication UseColorPixFrontEnd(this WebApplication app)
    {
        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions
        {
            ContentTypeProvider = new FileExtensionContentTypeProvider(),
            OnPrepareResponse = context =>
            {
                var headers = context.Context.Response.Headers;
                // Revalidated on each load (ETag): a new version of the app is seen at once, an unchanged one costs a 304.
                headers.CacheControl = "no-cache";
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
            },
        });
        return app;
    }

    /// <summary>A browser asking for a page (Accept: text/html) rather than an API client asking for JSON.</summary>
    public static bool WantsPage(HttpRequest request) =>
        request.Headers.Accept.Any(a => a is not null && a.Contains("text/html", StringComparison.OrdinalIgnoreCase));
}
