using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ColorPix.Web.Hosting;

/// <summary>The OpenAPI document at /openapi/v1.json and Swagger UI at /docs, with the bearer scheme. It is linted in CI
/// (scripts/lint-openapi.sh) so that generated clients (Kiota, NSwag) get operation names, errors and servers.</summary>
public static class OpenApi
{
    public const string DocumentName = "v1";
    public const string DocumentPath = "/openapi/" + DocumentName + ".json";

    public static IHostApplicationBuilder AddColorPixOpenApi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddEndpointsApiExplorer();
        builder.Services.AddSwaggerGen(o =>
        {
            o.SwaggerDoc(DocumentName, new OpenApiInfo
            {
                Title = "ColorPix API",
                Version = "v1",
                Description = "Upload black-and-white photos and get them back in color from two models (AutoEncoder, Pix2Pix). " +
                              "Sign up with POST /add_user, get a token with POST /token, then send it as `Authorization: Bearer <token>`.",
            });
            o.AddSecurityDefinition(SharedResponses.BearerScheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "The access_token from POST /token",
            });
            // Per operation (SharedResponses), not for the whole document: anonymous routes need no token.
            o.OperationFilter<SharedResponses>();
            o.OperationFilter<UrlEncodedForms>();
            o.DocumentFilter<DocumentDetails>();
        });
        return builder;
    }

    public static WebApplication UseColorPixOpenApi(this WebApplication app)
    {
        app.UseSwagger(o => o.RouteTemplate = "openapi/{documentName}.json");
        app.UseSwaggerUI(o =>
        {
            o.RoutePrefix = "docs";
            o.SwaggerEndpoint(DocumentPath, "ColorPix API v1");
        });
        return app;
    }

    /// <summary>A download: binary content of these media types. A file result says nothing to the document itself.</summary>
    public static RouteHandlerBuilder ProducesFile(this RouteHandlerBuilder route, params string[] contentTypes) =>
        route.Produces(StatusCodes.Status200OK, typeof(Stream), contentTypes[0], contentTypes[1..]);

    /// <summary>The route's own failures, each a ProblemDetails. The 401, 403 and 429 that routes share come from
    /// <see cref="SharedResponses"/>.</summary>
    public static RouteHandlerBuilder ProducesProblems(this RouteHandlerBuilder route, params int[] statuses)
    {
        foreach (var status in statuses) route.ProducesProblem(status);
        return route;
    }
}

/// <summary>What the document says about itself: where the API is (relative, so the document is right wherever it is
/// served), its licence, and what each tag groups.</summary>
public sealed class DocumentDetails : IDocumentFilter
{
    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        document.Servers = [new OpenApiServer { Url = "/", Description = "The server that serves this document" }];
        document.Info.License = new OpenApiLicense { Name = "All rights reserved (no licence granted yet)" };
        document.Tags = new HashSet<OpenApiTag>(ApiTags.Descriptions.Select(t => new OpenApiTag { Name = t.Key, Description = t.Value }));
    }
}

/// <summary>A form without files is documented as application/x-www-form-urlencoded only (as OAuth2 token requests are),
/// not also as multipart/form-data, which minimal APIs accept too: a generator picks multipart and Kiota then generates
/// a body its multipart writer refuses (GeneratedClientTests signs in through it).</summary>
public sealed class UrlEncodedForms : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (operation.RequestBody?.Content is { } content && content.ContainsKey("application/x-www-form-urlencoded"))
            content.Remove("multipart/form-data");
    }
}
