using Microsoft.OpenApi;

namespace ColorPix.Web.Hosting;

/// <summary>The OpenAPI document at /openapi/v1.json and Swagger UI at /docs, with the bearer scheme.</summary>
public static class OpenApi
{
    public static IHostApplicationBuilder AddColorPixOpenApi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddEndpointsApiExplorer();
        builder.Services.AddSwaggerGen(o =>
        {
            o.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "ColorPix API",
                Version = "v1",
                Description = "Upload black-and-white photos and get them back in color from two models (AutoEncoder, Pix2Pix). " +
                              "Sign up with POST /add_user, get a token with POST /token, then send it as `Authorization: Bearer <token>`.",
            });
            o.AddSecurityDefinition("bearer", new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "The access_token from POST /token",
            });
            o.AddSecurityRequirement(document => new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", document)] = [] });
        });
        return builder;
    }

    public static WebApplication UseColorPixOpenApi(this WebApplication app)
    {
        app.UseSwagger(o => o.RouteTemplate = "openapi/{documentName}.json");
        app.UseSwaggerUI(o =>
        {
            o.RoutePrefix = "docs";
            o.SwaggerEndpoint("/openapi/v1.json", "ColorPix API v1");
        });
        return app;
    }
}
