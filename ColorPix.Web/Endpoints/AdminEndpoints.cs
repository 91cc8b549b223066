using System.Security.Claims;
using System.Text.Json;
using ColorPix.Core.Data;
using ColorPix.Core.Inference;
using ColorPix.Core.Models;
using ColorPix.Training.Registry;
using ColorPix.Web.Auth;
using ColorPix.Web.Hosting;
using ColorPix.Web.Lifecycle;
using ColorPix.Web.Monitoring;
using Microsoft.Extensions.Options;
using ColorPix.Web.Storage.Metadata;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ColorPix.Web.Endpoints;

/// <summary>Administrators only: 401 without a token, 403 for users. Users and the model registry: versions, the
/// selection's decisions, registration, promotion, rollback, evaluation.</summary>
public static class AdminEndpoints
{
    public static IEndpointRouteBuilder MapAdminEndpoints(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("").RequireAuthorization(AuthRegistration.AdminPolicy).WithTags(ApiTags.Admin);
        admin.MapGet("/show_users", ShowUsers).WithName("listUsers").WithSummary("All users except administrators");
        admin.MapGet("/show_models", ShowModels).WithName("listModels").WithSummary("Registered model versions: status (which is champion), metrics, ratings, lineage");
        admin.MapGet("/models/decisions", Decisions).WithName("listDecisions").ProducesProblems(400).WithSummary("The newest promotion decisions, taken or refused, with their numbers: ?limit=1..500 (50)");
        admin.MapPost("/models/register", Register).WithName("registerModel").ProducesProblems(400, 404, 422)
            .WithSummary("Register a checkpoint file of this clone (under checkpoints/) as a challenger: {checkpoint, run_id?, dataset?}");
        admin.MapPost("/models/{model}/{version}/promote", Promote).WithName("promoteModel").ProducesProblems(404, 409, 422).WithSummary("Make a version champion (checked first: a broken one is refused with 422)");
        admin.MapPost("/models/{model}/rollback", Rollback).WithName("rollbackModel").ProducesProblems(404, 409, 422).WithSummary("Make the previous champion champion again");
        admin.MapPost("/models/{model}/{version}/evaluate", Evaluate).WithName("evaluateModel").ProducesProblems(404, 422, 503).WithSummary("Evaluate a version on the selection's split and record its metrics");
        admin.MapPost("/models/select", Select).WithName("selectModels").ProducesProblems(503).WithSummary("Run the best-model selection now (as the schedule does)");
        admin.MapGet("/drift", Drift).WithName("listDriftReports").ProducesProblems(400)
            .WithSummary("The newest drift checks of uploads against the training photos, feature by feature: ?limit=1..100 (10)");
        admin.MapPost("/drift/check", CheckDrift).WithName("checkDrift").ProducesProblems(409, 503)
            .WithSummary("Compare the newest uploads with the training photos now (as the schedule does)");
        admin.MapPost("/reports/daily", SendDailyReport).WithName("sendDailyReport")
            .WithSummary("Send the daily report now (counts, latencies, ratings per version, drift, decisions); returns its text");
        admin.MapGet("/alerts", Alerts).WithName("listAlerts").ProducesProblems(400).WithSummary("The newest alerts (mailed, pending, only logged or failed): ?limit=1..500 (50)");
        return app;
    }

    public static async Task<Ok<IReadOnlyList<UserResponse>>> ShowUsers(IUserStore users, CancellationToken ct) =>
        TypedResults.Ok<IReadOnlyList<UserResponse>>((await users.ListAsync(UserListScope.NonAdmins, ct)).Select(AuthEndpoints.ToResponse).ToList());

    public static async Task<Ok<IReadOnlyList<ModelResponse>>> ShowModels(IModelRegistry registry, ModelCatalog catalog, IRatingStore ratings,
        CancellationToken ct)
    {
        var rows = await registry.ListAsync(ct);
        var rated = (await ratings.SummarizeByVersionAsync(ct)).ToDictionary(r => (r.Model, r.Version));
        var models = new List<ModelResponse>();
        foreach (var kind in Enum.GetValues<ModelKind>())
        {
            var loaded = catalog.Describe(kind);
            var kindRows = rows.Where(r => r.Kind == kind).ToList();
            if (kindRows.Count == 0)
                models.Add(new ModelResponse(kind.Name(), "", loaded.Path ?? "", false, false, loaded.Problem, null, null, null, 0, "none", null, null, null,
                    null, null, null));
            models.AddRange(kindRows.Select(row => ToResponse(row, loaded, rated.GetValueOrDefault((kind, row.Version)))));
        }
        return TypedResults.Ok<IReadOnlyList<ModelResponse>>(models);
    }

    public static async Task<Results<Ok<IReadOnlyList<DecisionResponse>>, ProblemHttpResult>> Decisions(int? limit, IModelDecisionStore decisions, CancellationToken ct)
    {
        if (limit is < 1 or > 500) return Problems.BadRequest("limit must be between 1 and 500");
        return TypedResults.Ok<IReadOnlyList<DecisionResponse>>((await decisions.ListAsync(limit ?? 50, ct)).Select(ToResponse).ToList());
    }

    public static async Task<Results<Ok<IReadOnlyList<DriftReport>>, ProblemHttpResult>> Drift(int? limit, IDriftStore drift, CancellationToken ct)
    {
        if (limit is < 1 or > 100) return Problems.BadRequest("limit must be between 1 and 100");
        return TypedResults.Ok(await drift.ListReportsAsync(limit ?? 10, ct));
    }

    public static async Task<Results<Ok<DriftReport>, ProblemHttpResult>> CheckDrift(DriftDetector detector, IOptions<DriftOptions> options, CancellationToken ct)
    {
        try
        {
            return await detector.CheckAsync(ct) is { } report ? TypedResults.Ok(report)
                : Problems.Conflict($"fewer than Drift:MinWindow ({options.Value.MinWindow}) uploads to compare");
        }
        catch (Exception e) when (e is IOException or InvalidDataException or ArgumentException)
        {
            return Problems.Unavailable($"the drift reference '{options.Value.Reference}' (Drift:Reference) cannot be read: {e.Message}");
        }
    }

    public static async Task<Ok<string>> SendDailyReport(Alerts.DailyReport report, CancellationToken ct) => TypedResults.Ok(await report.SendAsync(ct));

    public static async Task<Results<Ok<IReadOnlyList<AlertResponse>>, ProblemHttpResult>> Alerts(int? limit, IAlertStore alerts, CancellationToken ct)
    {
        if (limit is < 1 or > 500) return Problems.BadRequest("limit must be between 1 and 500");
        return TypedResults.Ok<IReadOnlyList<AlertResponse>>((await alerts.ListAsync(limit ?? 50, ct)).Select(a => new AlertResponse(a.Id, a.Kind, a.Subject,
            a.Body, a.Status.ToString().ToLowerInvariant(), a.Attempts, a.LastError, a.CreatedAt, a.SentAt)).ToList());
    }

    public static async Task<Results<Created<ModelResponse>, ProblemHttpResult>> Register(RegisterModelRequest request, ModelVersions versions,
        ModelCatalog catalog, CancellationToken ct)
    {
        var root = RepoPaths.FindRoot();
        if (string.IsNullOrWhiteSpace(request.Checkpoint)) return Problems.BadRequest("pass the checkpoint's path, e.g. checkpoints/RUN/best/model.safetensors");
        // Only files of this clone's checkpoints folder: the route must not become a way to read any file of the server.
        var folder = Path.GetFullPath(RepoPaths.CheckpointsFolder(root)) + Path.DirectorySeparatorChar;
        var path = Path.GetFullPath(Path.Combine(root, request.Checkpoint));
        if (!path.StartsWith(folder, StringComparison.Ordinal) || !path.EndsWith(".safetensors", StringComparison.Ordinal))
            return Problems.BadRequest("the checkpoint must be a .safetensors file under checkpoints/");
        if (!File.Exists(path)) return Problems.NotFound($"no checkpoint at {request.Checkpoint}");
        ModelRecord record;
        try
        {
            record = await versions.RegisterAsync(path, new RegistrationDetails(new TrainingLineage(request.RunId, request.Dataset)), ct);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or ArgumentException or FormatException or JsonException
                                      or System.Runtime.InteropServices.ExternalException)
        {
            return Problems.Unprocessable($"{request.Checkpoint} is not a working model: {Core.Engine.EngineErrors.MessageOf(e)}");
        }
        return TypedResults.Created($"/show_models", ToResponse(record, catalog.Describe(record.Kind), null));
    }

    public static Task<Results<Ok<DecisionResponse>, ProblemHttpResult>> Promote(string model, string version, ClaimsPrincipal principal,
        ModelPromotion promotion, CancellationToken ct) =>
        Decide(model, kind => promotion.PromoteAsync(kind, version, DecisionTrigger.Promote, principal.Identity?.Name ?? "admin", ct));

    public static Task<Results<Ok<DecisionResponse>, ProblemHttpResult>> Rollback(string model, ClaimsPrincipal principal, ModelPromotion promotion,
        CancellationToken ct) =>
        Decide(model, kind => promotion.RollbackAsync(kind, principal.Identity?.Name ?? "admin", ct));

    public static async Task<Results<Ok<ModelResponse>, ProblemHttpResult>> Evaluate(string model, string version, IModelRegistry registry,
        ModelSelection selection, ModelCatalog catalog, CancellationToken ct)
    {
        if (!TryKind(model, out var kind)) return Problems.NotFound($"unknown model '{model}' (autoencoder or pix2pix)");
        var record = await registry.GetAsync(kind, version, ct);
        if (record is null) return Problems.NotFound($"{kind.Name()} version {version} is not registered");
        try
        {
            await selection.EvaluateAsync(record, ct);
        }
        catch (SelectionDataException e)
        {
            return Problems.Unavailable(e.Message);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or DataLoaderException)
        {
            return Problems.Unprocessable($"{kind.Name()} {version} could not be evaluated: {Core.Engine.EngineErrors.MessageOf(e)}");
        }
        return TypedResults.Ok(ToResponse((await registry.GetAsync(kind, version, ct))!, catalog.Describe(kind), null));
    }

    public static async Task<Results<Ok<IReadOnlyList<DecisionResponse>>, ProblemHttpResult>> Select(ModelSelection selection, ClaimsPrincipal principal,
        CancellationToken ct)
    {
        try
        {
            return TypedResults.Ok<IReadOnlyList<DecisionResponse>>((await selection.RunAsync(principal.Identity?.Name ?? "admin", ct)).Select(ToResponse).ToList());
        }
        catch (SelectionDataException e)
        {
            return Problems.Unavailable(e.Message);
        }
    }

    private static async Task<Results<Ok<DecisionResponse>, ProblemHttpResult>> Decide(string model, Func<ModelKind, Task<ModelDecision>> decide)
    {
        if (!TryKind(model, out var kind)) return Problems.NotFound($"unknown model '{model}' (autoencoder or pix2pix)");
        try
        {
            var decision = await decide(kind);
            return decision.Promoted ? TypedResults.Ok(ToResponse(decision)) : Problems.Unprocessable(decision.Reason);
        }
        catch (PromotionException e)
        {
            return TypedResults.Problem(e.Message, statusCode: e.Status, title: e.Status == 404 ? "Not found" : "Conflict");
        }
    }

    private static bool TryKind(string name, out ModelKind kind)
    {
        kind = default;
        if (name is not ("autoencoder" or "pix2pix")) return false;
        kind = ModelKinds.Parse(name);
        return true;
    }

    private static ModelResponse ToResponse(ModelRecord row, ModelAvailability loaded, VersionRatingSummary? rating)
    {
        var isLoaded = loaded.Info?.Version == row.Version;
        return new ModelResponse(row.Kind.Name(), row.Version, row.Path, row.IsChampion, isLoaded, row.IsChampion ? loaded.Problem : null, row.RegisteredAt,
            JsonSerializer.Deserialize<JsonElement>(row.MetricsJson), rating?.MeanStars, rating?.Count ?? 0, row.Status.ToString().ToLowerInvariant(),
            row.EvaluatedOn, row.RunId, row.Dataset, row.CheckpointKey, row.MlflowVersion, row.ChampionSince);
    }

    private static DecisionResponse ToResponse(ModelDecision d) => new(d.Id, d.Kind.Name(), d.Trigger.ToString().ToLowerInvariant(), d.Promoted,
        d.ChampionVersion, d.ChallengerVersion, d.Reason, JsonSerializer.Deserialize<JsonElement>(d.NumbersJson), d.MlflowRunId, d.DecidedBy, d.DecidedAt);
}
