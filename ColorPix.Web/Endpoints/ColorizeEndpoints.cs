using System.Diagnostics;
using System.Security.Claims;
using ColorPix.Core.Inference;
using ColorPix.Core.Models;
using ColorPix.Core.Imaging;
using ColorPix.Web.Hosting;
using ColorPix.Web.Storage.Metadata;
using ColorPix.Web.Storage.Objects;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

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
        IImageStore images, IColorizationStore colorizations, IRatingStore ratings, IObjectStore objects, ModelCatalog catalog,
        ColorizationQueue queue, IOptions<LimitsOptions> limits, TimeProvider clock, CancellationToken ct)
    {
        if (id is null) return Problems.BadRequest("pass the image id: /colorize?id=...");
        var userId = principal.Id();
        var user = await users.FindByIdAsync(userId, ct);
        if (user is null) return Problems.Unauthorized("this account no longer exists");
        var image = await images.GetForOwnerAsync(userId, id.Value, ct);
        if (image is null) return Problems.ImageNotFound();

        var wanted = user.PreferredModel is { } preferred ? [preferred] : Enum.GetValues<ModelKind>();
        var available = wanted.Where(k => catalog.Describe(k).IsAvailable).ToList();
        if (available.Count == 0)
            return Problems.Unavailable($"no model to serve: {string.Join("; ", wanted.Select(k => $"{k.Name()}: {catalog.Describe(k).Problem}"))}");

        var existing = await colorizations.ListForImageAsync(userId, image.Id, ct);
        var missing = available.Where(k => existing.All(e => e.Model != k)).ToList();
        if (missing.Count > 0)
        {
            // The memory the full-size work will hold is reserved first: beyond the budget, requests wait, then get 503.
            using var memory = await queue.Memory.ReserveAsync(MemoryBudget.Estimate((long)image.Width * image.Height, missing.Count), ct);
            var original = await objects.GetBytesAsync(image.OriginalKey, ct) ?? throw new InvalidOperationException($"object {image.OriginalKey} is missing");
            // Decoded once for every model; each model size gets its small input. (The grayscale flag was recorded at upload.)
            using var decoded = Image.Decode(original, new ImageDecodeOptions { MaxPixels = limits.Value.MaxPixels });
            // Each model's size is read once: a swap to a model of another size meanwhile is absorbed by the queue.
            var sizes = missing.ToDictionary(kind => kind, queue.ModelSize);
            var prepared = sizes.Values.Distinct().ToDictionary(size => size, size => Colorizer.Prepare(decoded, size));
            try
            {
                // Both models at once: each has its own queue, so they run side by side.
                await Task.WhenAll(missing.Select(kind =>
                    ColorizeOne(kind, prepared[sizes[kind]], image, queue, colorizations, objects, clock, ct)));
            }
            finally
            {
                foreach (var p in prepared.Values) p.Dispose();
            }
            existing = await colorizations.ListForImageAsync(userId, image.Id, ct);
        }
        var results = await ImageEndpoints.Results(existing.Where(e => available.Contains(e.Model)), userId, ratings, ct);
        return TypedResults.Ok(new ColorizeResponse(image.Id, image.WasGrayscale, Urls.Original(image.Id), results));
    }

    private static async Task ColorizeOne(ModelKind kind, PreparedImage prepared, ImageRecord image, ColorizationQueue queue,
        IColorizationStore colorizations, IObjectStore objects, TimeProvider clock, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var (result, model) = await queue.ColorizeVersionedAsync(prepared, kind, ct);
        using var _ = result;
        var elapsed = watch.ElapsedMilliseconds;
        var version = model.Version;
        var (resultKey, thumbnailKey) = (ObjectKeys.Result(image.OwnerId, image.Id, kind.Name()), ObjectKeys.ResultThumbnail(image.OwnerId, image.Id, kind.Name()));
        // Once computed, the result is stored even if this client has gone: a cancellation between the objects and
        // the row would make put-then-record delete objects that a concurrent request's row for the same image uses.
        await objects.PutThenRecordAsync(
            [new ObjectToStore(resultKey, ResultEncoding.Png(result), ContentTypes.Png), new ObjectToStore(thumbnailKey, ResultEncoding.Thumbnail(result), ContentTypes.Jpeg)],
            c => colorizations.AddAsync(new NewColorization(image.Id, kind, version, resultKey, thumbnailKey, elapsed, clock.GetUtcNow()), c), CancellationToken.None);
    }
}
