using System.Security.Claims;
using ColorPix.Core.Models;
using ColorPix.Web.Hosting;
using ColorPix.Web.Monitoring;
using ColorPix.Web.Storage.Metadata;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ColorPix.Web.Endpoints;

/// <summary>The preferred model, the default consent for new uploads, and ratings of results.</summary>
public static class PreferenceEndpoints
{
    public static IEndpointRouteBuilder MapPreferenceEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("").RequireAuthorization().RequireRateLimiting(RateLimits.PerUser).WithTags(ApiTags.Preferences);
        group.MapGet("/user", Me).WithName("getCurrentUser").WithSummary("The signed-in user's account and settings");
        group.MapPost("/user_setprefmodel", SetPreferredModel).WithName("setPreferredModel").ProducesProblems(400).WithSummary("Preferred model: ?model=0 (none), 1 (AutoEncoder) or 2 (Pix2Pix)");
        group.MapPost("/user_setconsent", SetDefaultConsent).WithName("setDefaultConsent").ProducesProblems(400).WithSummary("Default consent for new uploads: ?consent=true|false");
        group.MapPost("/user_imgrating", Rate).WithName("rateResult").ProducesProblems(400, 404).WithSummary("Rate a colorization: ?id=IMAGE&model=autoencoder|pix2pix&rating=1..5");
        return app;
    }

    public static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> Me(ClaimsPrincipal principal, IUserStore users, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(principal.Id(), ct);
        return user is null ? Problems.Unauthorized("this account no longer exists") : TypedResults.Ok(AuthEndpoints.ToResponse(user.ToSummary()));
    }

    public static async Task<Results<Ok<PreferenceResponse>, ProblemHttpResult>> SetPreferredModel(int? model, ClaimsPrincipal principal,
        IUserStore users, CancellationToken ct)
    {
        if (model is not (0 or 1 or 2)) return Problems.BadRequest("model must be 0 (none), 1 (AutoEncoder) or 2 (Pix2Pix)");
        var kind = PreferredModelCodes.FromCode(model.Value);
        if (!await users.SetPreferredModelAsync(principal.Id(), kind, ct)) return Problems.Unauthorized("this account no longer exists");
        return TypedResults.Ok(new PreferenceResponse(model.Value, kind?.Name() ?? "none"));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> SetDefaultConsent(bool? consent, ClaimsPrincipal principal, IUserStore users,
        CancellationToken ct)
    {
        if (consent is null) return Problems.BadRequest("pass ?consent=true or ?consent=false");
        return await users.SetDefaultConsentAsync(principal.Id(), consent.Value, ct) ? TypedResults.NoContent() : Problems.Unauthorized("this account no longer exists");
    }

    public static async Task<Results<Ok<RatingResponse>, ProblemHttpResult>> Rate(Guid? id, string? model, int? rating, ClaimsPrincipal principal,
        IColorizationStore colorizations, IRatingStore ratings, ServiceMetrics metrics, TimeProvider clock, CancellationToken ct)
    {
        if (id is null) return Problems.BadRequest("pass the image id: ?id=...");
        if (model is null || !ImageEndpoints.TryModel(model, out var kind)) return Problems.BadRequest("model must be autoencoder (1) or pix2pix (2)");
        if (rating is not (>= 1 and <= 5)) return Problems.BadRequest("rating must be a whole number from 1 to 5");
        var userId = principal.Id();
        if (await colorizations.GetAsync(userId, id.Value, kind, ct) is null)
            return Problems.NotFound($"no {kind.Name()} colorization of this image: call /colorize first");
        await ratings.UpsertAsync(userId, id.Value, kind, rating.Value, clock.GetUtcNow(), ct);
        metrics.RecordRating(kind, rating.Value);
        return TypedResults.Ok(new RatingResponse(id.Value, kind.Name(), rating.Value));
    }
}
