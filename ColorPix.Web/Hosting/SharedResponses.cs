using ColorPix.Web.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ColorPix.Web.Hosting;

/// <summary>
/// What a route's metadata already says, written into its operation once for all routes: an authorized route needs
/// the bearer token and answers 401 without one, an admin route answers 403 to users, a rate-limited route 429.
/// A route declares only its own failures (<c>ProducesProblem</c>).
/// </summary>
public sealed class SharedResponses : IOperationFilter
{
    public const string BearerScheme = "bearer";

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
        var authorize = metadata.OfType<IAuthorizeData>().ToList();
        if (authorize.Count > 0 && !metadata.OfType<IAllowAnonymous>().Any())
        {
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] }];
            AddProblem(operation, context, StatusCodes.Status401Unauthorized, "No valid bearer token");
        }
        // An empty requirement: explicitly no token, rather than a document-wide default.
        else operation.Security = [new OpenApiSecurityRequirement()];
        if (authorize.Any(a => a.Policy == AuthRegistration.AdminPolicy))
            AddProblem(operation, context, StatusCodes.Status403Forbidden, "The token is not an administrator's");
        if (metadata.OfType<EnableRateLimitingAttribute>().Any())
            AddProblem(operation, context, StatusCodes.Status429TooManyRequests, "Over the rate limit: retry after the Retry-After header's seconds");
    }

    private static void AddProblem(OpenApiOperation operation, OperationFilterContext context, int status, string description)
    {
        operation.Responses ??= [];
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (operation.Responses.ContainsKey(key)) return;
        operation.Responses[key] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, IOpenApiMediaType>
            {
                ["application/problem+json"] = new OpenApiMediaType { Schema = context.SchemaGenerator.GenerateSchema(typeof(ProblemDetails), context.SchemaRepository) },
            },
        };
    }
}
