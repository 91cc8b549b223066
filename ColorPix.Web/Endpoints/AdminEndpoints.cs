using System.Text.Json;
using ColorPix.Core.Inference;
using ColorPix.Core.Models;
using ColorPix.Web.Auth;
using ColorPix.Web.Storage.Metadata;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ColorPix.Web.Endpoints;

/// <summary>Administrators only: 401 without a token, 403 for users.</summary>
public static class AdminEndpoints
{
    public static IEndpointRouteBuilder MapAdminEndpoints(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("").RequireAuthorization(AuthRegistration.AdminPolicy);
        admin.MapGet("/show_users", ShowUsers).WithSummary("All users except administrators");
        admin.MapGet("/show_models", ShowModels).WithSummary("Models: versions, metrics, which is active, ratings");
        return app;
    }

    public static async Task<Ok<IReadOnlyList<UserResponse>>> ShowUsers(IUserStore users, CancellationToken ct) =>
        TypedResults.Ok<IReadOnlyList<UserResponse>>((await users.ListAsync(UserListScope.NonAdmins, ct)).Select(AuthEndpoints.ToResponse).ToList());

    public static async Task<Ok<IReadOnlyList<ModelResponse>>> ShowModels(IModelRegistry registry, ModelCatalog catalog, IRatingStore ratings,
        CancellationToken ct)
    {
        var rows = await registry.ListAsync(ct);
        var summaries = (await ratings.SummarizeByModelAsync(ct)).ToDictionary(r => r.Model);
        var models = new List<ModelResponse>();
        foreach (var kind in Enum.GetValues<ModelKind>())
        {
            var loaded = catalog.Describe(kind);
            var rating = summaries.GetValueOrDefault(kind);
            var kindRows = rows.Where(r => r.Kind == kind).ToList();
            if (kindRows.Count == 0)
                models.Add(new ModelResponse(kind.Name(), "", loaded.Path ?? "", false, false, loaded.Problem, null, null, rating?.MeanStars, rating?.Count ?? 0));
            foreach (var row in kindRows)
            {
                var isLoaded = loaded.Info?.Version == row.Version;
                models.Add(new ModelResponse(kind.Name(), row.Version, row.Path, row.IsChampion, isLoaded, isLoaded ? null : loaded.Problem,
                    row.RegisteredAt, JsonSerializer.Deserialize<JsonElement>(row.MetricsJson), rating?.MeanStars, rating?.Count ?? 0));
            }
        }
        return TypedResults.Ok<IReadOnlyList<ModelResponse>>(models);
    }
}
