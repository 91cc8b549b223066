using System.Security.Claims;
using ColorPix.Core.Models;
using ColorPix.Web.Albums;
using ColorPix.Web.Hosting;
using ColorPix.Web.Monitoring;
using ColorPix.Web.Storage.Metadata;
using ColorPix.Web.Storage.Objects;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ColorPix.Web.Endpoints;

/// <summary>Albums: several photos (or one ZIP) uploaded at once, colorized in the background, downloaded as one ZIP.</summary>
public static class AlbumEndpoints
{
    public static IEndpointRouteBuilder MapAlbumEndpoints(this IEndpointRouteBuilder app)
    {
        // An album's request may be larger than a photo's: its own body and multipart limits, read from the configuration
        // as ColorPixApp reads the single upload's (the options are validated at start, after the routes are mapped).
        var limits = app.ServiceProvider.GetRequiredService<IConfiguration>().GetSection(LimitsOptions.Section).Get<LimitsOptions>() ?? new LimitsOptions();
        var maxBody = limits.MaxAlbumUploadBytes + 64 * 1024;
        app.MapPost("/albums", Create).WithName("createAlbum").WithTags(ApiTags.Albums).ProducesProblems(400, 413, 422, 429, 503)
            .DisableAntiforgery().RequireAuthorization().RequireRateLimiting(RateLimits.Colorize).WithMetadata(CountsUploads.Instance)
            .WithMetadata(new RequestSizeLimitAttribute(maxBody)).WithFormOptions(multipartBodyLengthLimit: maxBody)
            .WithSummary("Upload an album: several photos as multipart fields 'file', or one ZIP; optional 'consent' and 'name'. " +
                         "Its photos are colorized in the background: follow GET /albums/{id}");
        var albums = app.MapGroup("/albums").RequireAuthorization().RequireRateLimiting(RateLimits.PerUser).WithTags(ApiTags.Albums);
        albums.MapGet("", List).WithName("listAlbums").ProducesProblems(400).WithSummary("The user's albums, newest first, paged, with their progress");
        albums.MapGet("/{id:guid}", Get).WithName("getAlbum").ProducesProblems(404)
            .WithSummary("An album's progress (total, done, failed, pending) and each entry's status, problem and download links");
        albums.MapGet("/{id:guid}/download", Download).WithName("downloadAlbum").ProducesFile("application/zip").ProducesProblems(404, 409)
            .WithSummary("The album's colorizations as one ZIP (PNG, named after the uploaded files), once no photo is pending");
        albums.MapDelete("/{id:guid}", Delete).WithName("deleteAlbum").ProducesProblems(404)
            .WithSummary("Delete an album; its photos stay in the history (delete them there)");
        return app;
    }

    public static async Task<Results<Accepted<AlbumResponse>, ProblemHttpResult>> Create(IFormFileCollection? file,
        [FromForm] bool? consent, [FromForm] string? name, ClaimsPrincipal principal, IUserStore users, AlbumIntake intake, CancellationToken ct)
    {
        var files = file?.Where(f => f.Name == "file").ToList() ?? [];
        if (files.Count == 0) return Problems.BadRequest("send the photos as multipart form fields 'file' (several photos, or one ZIP)");
        var user = await users.FindByIdAsync(principal.Id(), ct);
        if (user is null) return Problems.Unauthorized("this account no longer exists");
        var (album, entries) = await intake.CreateAsync(user, files, consent, name, ct);
        return TypedResults.Accepted(Urls.Album(album.Id), Response(album, entries, []));
    }

    public static async Task<Results<Ok<AlbumPageResponse>, ProblemHttpResult>> List(ClaimsPrincipal principal, IAlbumStore albums, int? offset, int? limit,
        CancellationToken ct)
    {
        var (o, l) = (offset ?? 0, limit ?? 20);
        if (o < 0 || l is < 1 or > 100) return Problems.BadRequest("offset must be >= 0 and limit within 1..100");
        var page = await albums.ListForOwnerAsync(principal.Id(), o, l, ct);
        return TypedResults.Ok(new AlbumPageResponse(page.Total, page.Offset, page.Limit, page.Items.Select(s => Summary(s.Album, s.Counts)).ToList()));
    }

    public static async Task<Results<Ok<AlbumResponse>, ProblemHttpResult>> Get(Guid id, ClaimsPrincipal principal, IAlbumStore albums,
        IColorizationStore colorizations, CancellationToken ct)
    {
        var userId = principal.Id();
        if (await albums.GetForOwnerAsync(userId, id, ct) is not var (album, entries)) return AlbumNotFound();
        return TypedResults.Ok(Response(album, entries, await ResultsOf(userId, entries, colorizations, ct)));
    }

    public static async Task<Results<PushStreamHttpResult, ProblemHttpResult>> Download(Guid id, ClaimsPrincipal principal, IAlbumStore albums,
        IColorizationStore colorizations, IObjectStore objects)
    {
        var userId = principal.Id();
        if (await albums.GetForOwnerAsync(userId, id, CancellationToken.None) is not var (album, entries)) return AlbumNotFound();
        var counts = Count(entries);
        if (counts.Pending > 0) return Problems.Conflict($"the album is still being colorized: {counts.Done + counts.Failed} of {counts.Photos} photos finished");
        var layout = AlbumArchive.Layout(entries, await ResultsOf(userId, entries, colorizations, CancellationToken.None));
        if (layout.Count == 0) return Problems.Conflict("no photo of this album could be colorized: there is nothing to download");
        return TypedResults.Stream(body => AlbumArchive.WriteAsync(body, layout, objects, CancellationToken.None), "application/zip",
            $"{AlbumArchive.Stem(album.Name, 0)}.colorized.zip");
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, ClaimsPrincipal principal, IAlbumStore albums, CancellationToken ct) =>
        await albums.DeleteAsync(principal.Id(), id, ct) ? TypedResults.NoContent() : AlbumNotFound();

    /// <summary>The same answer for another user's album and a missing one.</summary>
    private static ProblemHttpResult AlbumNotFound() => Problems.NotFound("no such album");

    private static async Task<IReadOnlyList<ColorizationRecord>> ResultsOf(long userId, IReadOnlyList<AlbumEntry> entries, IColorizationStore colorizations,
        CancellationToken ct) =>
        await colorizations.ListForImagesAsync(userId, entries.Where(e => e.Status == AlbumEntryStatus.Done).Select(e => e.ImageId).OfType<Guid>().ToList(), ct);

    private static AlbumCounts Count(IReadOnlyList<AlbumEntry> entries)
    {
        int Of(AlbumEntryStatus status) => entries.Count(e => e.Status == status);
        return new AlbumCounts(Of(AlbumEntryStatus.Pending), Of(AlbumEntryStatus.Done), Of(AlbumEntryStatus.Failed), Of(AlbumEntryStatus.Refused),
            Of(AlbumEntryStatus.Skipped));
    }

    private static AlbumSummaryResponse Summary(AlbumRecord album, AlbumCounts c) => new(album.Id, album.Name, album.CreatedAt,
        c.Pending > 0 ? "processing" : "done", c.Photos, c.Done, c.Failed, c.Pending, c.Refused, c.Skipped, Urls.Album(album.Id), Urls.AlbumDownload(album.Id));

    private static AlbumResponse Response(AlbumRecord album, IReadOnlyList<AlbumEntry> entries, IReadOnlyList<ColorizationRecord> results)
    {
        var byImage = results.ToLookup(r => r.ImageId);
        return new AlbumResponse(Summary(album, Count(entries)), entries.Select(e => new AlbumEntryResponse(e.Position, e.Name, e.Status.Name(), e.Problem,
            e.ImageId, e.ImageId is { } image ? Urls.Original(image) : null, e.ImageId is { } thumb ? Urls.Thumbnail(thumb) : null,
            e.ImageId is { } done ? byImage[done].OrderBy(r => r.Model)
                .Select(r => new AlbumResultResponse(r.Model.Name(), Urls.Result(done, r.Model), Urls.ResultThumbnail(done, r.Model), Urls.ResultJpeg(done, r.Model))).ToList()
            : [])).ToList());
    }
}
