using System.Security.Claims;
using ColorPix.Web.Hosting;
using ColorPix.Web.Photos;
using ColorPix.Web.Storage.Metadata;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ColorPix.Web.Endpoints;

/// <summary>GET /colorize: both models' results side by side (or the preferred one), computed once and stored.</summary>
public static class ColorizeEndpoints
{
    public static IEndpointRouteBuilder MapColorizeEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/colorize", Colorize).WithName("colorize").WithTags(ApiTags.Colorize).ProducesProblems(400, 404, 503).RequireAuthorization().RequireRateLimiting(RateLimits.Colorize)
            .WithSummary("Colorize an uploaded image with both models (only the preferred one when set); results are stored");
        return app;
    }

    public static async Task<Results<Ok<ColorizeResponse>, ProblemHttpResult>> Colorize(Guid? id, ClaimsPrincipal principal, IUserStore users,
        IImageStore images, IRatingStore ratings, PhotoColorizer colorizer, CancellationToken ct)
    {
        if (id is null) return Problems.BadRequest("pass the image id: /colorize?id=...");
        var userId = principal.Id();
        var user = await users.FindByIdAsync(userId, ct);
        if (user is null) return Problems.Unauthorized("this account no longer exists");
        var image = await images.GetForOwnerAsync(userId, id.Value, ct);
        if (image is null) return Problems.ImageNotFound();

        var (available, problem) = colorizer.ModelsFor(user);
        if (problem is not null) return Problems.Unavailable(problem);
        var results = await ImageEndpoints.Results(await colorizer.ColorizeAsync(image, available, ct), userId, ratings, ct);
        return TypedResults.Ok(new ColorizeResponse(image.Id, image.WasGrayscale, Urls.Original(image.Id), results));
    }
}
