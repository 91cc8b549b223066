using System.Security.Claims;
using ColorPix.Core.Models;
using ColorPix.Core.Imaging;
using ColorPix.Core.Inference;
using ColorPix.Web.Hosting;
using ColorPix.Web.Monitoring;
using ColorPix.Web.Photos;
using ColorPix.Web.Storage.Metadata;
using ColorPix.Web.Storage.Objects;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ColorPix.Web.Endpoints;

/// <summary>Upload, history, downloads, consent and deletion of a user's own images.</summary>
public static class ImageEndpoints
{
    public static IEndpointRouteBuilder MapImageEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/upload_img2colorize", Upload).WithName("uploadImage").WithTags(ApiTags.Images).ProducesProblems(400, 413, 415, 422, 503).DisableAntiforgery().RequireAuthorization().RequireRateLimiting(RateLimits.Colorize).WithMetadata(CountsUploads.Instance)
            .WithSummary("Upload a photo (multipart field 'file'; optional 'consent' to allow its use for training) -> image id");
        var images = app.MapGroup("").RequireAuthorization().RequireRateLimiting(RateLimits.PerUser).WithTags(ApiTags.Images);
        images.MapGet("/user_imgs", History).WithName("listImages").ProducesProblems(400).WithSummary("The user's images, newest first, paged, with thumbnails and download URLs");
        images.MapGet("/images/{id:guid}/original", Original).WithName("downloadOriginal").ProducesFile(ContentTypes.Originals).ProducesProblems(404).WithSummary("Download the uploaded original");
        images.MapGet("/images/{id:guid}/thumbnail", OriginalThumbnail).WithName("downloadOriginalThumbnail").ProducesFile(ContentTypes.Jpeg).ProducesProblems(404).WithSummary("Thumbnail of the original (JPEG)");
        images.MapGet("/images/{id:guid}/results/{model}", Result).WithName("downloadResult").ProducesFile(ContentTypes.Png, ContentTypes.Jpeg).ProducesProblems(400, 404).WithSummary("Download a colorization (PNG, or ?format=jpeg)");
        images.MapGet("/images/{id:guid}/results/{model}/thumbnail", ResultThumbnail).WithName("downloadResultThumbnail").ProducesFile(ContentTypes.Jpeg).ProducesProblems(400, 404).WithSummary("Thumbnail of a colorization (JPEG)");
        images.MapPut("/images/{id:guid}/consent", SetConsent).WithName("setImageConsent").ProducesProblems(400, 404).WithSummary("Allow (true) or refuse (false) the use of this image for training");
        images.MapDelete("/images/{id:guid}", Delete).WithName("deleteImage").ProducesProblems(404).WithSummary("Delete an image with its colorizations");
        return app;
    }

    public static async Task<Results<Created<UploadResponse>, ProblemHttpResult>> Upload(IFormFile? file, [FromForm] bool? consent,
        ClaimsPrincipal principal, IUserStore users, PhotoIntake intake, CancellationToken ct)
    {
        if (file is null || file.Length == 0) return Problems.BadRequest("send the photo as the multipart form field 'file'");
        if (intake.TooLarge(file.Length) is { } tooLarge) return Problems.TooLarge(tooLarge);
        var user = await users.FindByIdAsync(principal.Id(), ct);
        if (user is null) return Problems.Unauthorized("this account no longer exists");

        var record = await intake.AcceptAsync(user, await PhotoIntake.ReadAsync(file, ct), consent, ct);
        var note = record.WasGrayscale ? null : "the photo is in color: it is colorized from its lightness, as if it were black and white";
        return TypedResults.Created($"/colorize?id={record.Id:D}",
            new UploadResponse(record.Id, record.Width, record.Height, record.OriginalFormat, record.WasGrayscale, record.Consent, note));
    }

    public static async Task<Results<Ok<ImagePageResponse>, ProblemHttpResult>> History(ClaimsPrincipal principal, IImageStore images,
        IColorizationStore colorizations, IRatingStore ratings, int? offset, int? limit, CancellationToken ct)
    {
        var (o, l) = (offset ?? 0, limit ?? 20);
        if (o < 0 || l is < 1 or > 100) return Problems.BadRequest("offset must be >= 0 and limit within 1..100");
        var userId = principal.Id();
        var page = await images.ListForOwnerAsync(userId, o, l, ct);
        var results = (await colorizations.ListForImagesAsync(userId, page.Items.Select(i => i.Id).ToList(), ct)).ToLookup(c => c.ImageId);
        var items = new List<ImageResponse>();
        foreach (var image in page.Items)
            items.Add(new ImageResponse(image.Id, image.CreatedAt, image.Width, image.Height, image.OriginalFormat, image.WasGrayscale, image.Consent,
                Urls.Original(image.Id), Urls.Thumbnail(image.Id), await Results(results[image.Id], userId, ratings, ct)));
        return TypedResults.Ok(new ImagePageResponse(page.Total, page.Offset, page.Limit, items));
    }

    internal static async Task<IReadOnlyList<ResultResponse>> Results(IEnumerable<ColorizationRecord> records, long userId, IRatingStore ratings, CancellationToken ct)
    {
        var list = new List<ResultResponse>();
        foreach (var r in records.OrderBy(r => r.Model))
            list.Add(new ResultResponse(r.Model.Name(), r.ModelVersion, Urls.Result(r.ImageId, r.Model), Urls.ResultThumbnail(r.ImageId, r.Model),
                Urls.ResultJpeg(r.ImageId, r.Model), r.DurationMs, await ratings.GetAsync(userId, r.ImageId, r.Model, ct)));
        return list;
    }

    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> Original(Guid id, ClaimsPrincipal principal, IImageStore images,
        IObjectStore objects, CancellationToken ct)
    {
        var image = await images.GetForOwnerAsync(principal.Id(), id, ct);
        return image is null ? Problems.ImageNotFound() : await Download(objects, image.OriginalKey, $"{id:D}.{image.OriginalFormat}", ct);
    }

    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> OriginalThumbnail(Guid id, ClaimsPrincipal principal, IImageStore images,
        IObjectStore objects, CancellationToken ct)
    {
        var image = await images.GetForOwnerAsync(principal.Id(), id, ct);
        return image is null ? Problems.ImageNotFound() : await Download(objects, image.ThumbnailKey, null, ct);
    }

    public static async Task<Results<FileStreamHttpResult, FileContentHttpResult, ProblemHttpResult>> Result(Guid id, string model, string? format,
        ClaimsPrincipal principal, IColorizationStore colorizations, IObjectStore objects, CancellationToken ct)
    {
        if (!TryModel(model, out var kind)) return Problems.BadRequest("model must be autoencoder or pix2pix");
        if (format is not (null or "png" or "jpeg" or "jpg")) return Problems.BadRequest("format must be png or jpeg");
        var result = await colorizations.GetAsync(principal.Id(), id, kind, ct);
        if (result is null) return Problems.NotFound("no such colorization: call /colorize first");
        if (format is null or "png")
            return await Open(objects, result.ResultKey, $"{id:D}.{kind.Name()}.png", ct) is { } file ? file : MissingObject();
        var png = await objects.GetBytesAsync(result.ResultKey, ct);
        if (png is null) return MissingObject();
        using var image = Image.Decode(png);
        return TypedResults.File(ResultEncoding.Jpeg(image), ContentTypes.Jpeg, $"{id:D}.{kind.Name()}.jpg");
    }

    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> ResultThumbnail(Guid id, string model, ClaimsPrincipal principal,
        IColorizationStore colorizations, IObjectStore objects, CancellationToken ct)
    {
        if (!TryModel(model, out var kind)) return Problems.BadRequest("model must be autoencoder or pix2pix");
        var result = await colorizations.GetAsync(principal.Id(), id, kind, ct);
        return result is null ? Problems.NotFound("no such colorization: call /colorize first") : await Download(objects, result.ResultThumbnailKey, null, ct);
    }

    public static async Task<Results<Ok<ConsentResponse>, ProblemHttpResult>> SetConsent(Guid id, bool? consent, ClaimsPrincipal principal,
        IImageStore images, TimeProvider clock, CancellationToken ct)
    {
        if (consent is null) return Problems.BadRequest("pass ?consent=true or ?consent=false");
        return await images.SetConsentAsync(principal.Id(), id, consent.Value, clock.GetUtcNow(), ct)
            ? TypedResults.Ok(new ConsentResponse(id, consent.Value))
            : Problems.ImageNotFound();
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, ClaimsPrincipal principal, IImageStore images,
        IObjectStore objects, CancellationToken ct)
    {
        var deleted = await images.DeleteAsync(principal.Id(), id, ct);
        if (deleted is null) return Problems.ImageNotFound();
        await objects.DeleteAllAsync(deleted.Keys, ct);
        return TypedResults.NoContent();
    }

    internal static bool TryModel(string text, out ModelKind kind)
    {
        try { kind = ModelKinds.Parse(text); return true; }
        catch (ArgumentException) { kind = default; return false; }
    }

    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> Download(IObjectStore objects, string key, string? fileName, CancellationToken ct) =>
        await Open(objects, key, fileName, ct) is { } file ? file : MissingObject();

    private static async Task<FileStreamHttpResult?> Open(IObjectStore objects, string key, string? fileName, CancellationToken ct) =>
        await objects.GetAsync(key, ct) is { } stored ? TypedResults.File(stored.Content, stored.ContentType, fileName) : null;

    // Rows are written after their objects, so this only happens if storage lost a file behind the service's back.
    private static ProblemHttpResult MissingObject() => Problems.NotFound("the stored file is missing");
}

public static class ContentTypes
{
    public const string Jpeg = "image/jpeg";
    public const string Png = "image/png";
    public const string WebP = "image/webp";
    public const string Bmp = "image/bmp";
    public const string Tiff = "image/tiff";

    public static string Of(ImageFormat format) => format switch
    {
        ImageFormat.Jpeg => Jpeg,
        ImageFormat.Png => Png,
        ImageFormat.WebP => WebP,
        ImageFormat.Bmp => Bmp,
        _ => Tiff,
    };

    /// <summary>Every type an original may be stored as.</summary>
    public static readonly string[] Originals = [Jpeg, Png, WebP, Bmp, Tiff];
}
