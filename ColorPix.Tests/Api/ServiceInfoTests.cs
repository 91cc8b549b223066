using System.Net;
using ColorPix.Tests.Api.Infrastructure;

namespace ColorPix.Tests.Api;

/// <summary>What anyone may ask: status, health, the OpenAPI document and Swagger UI.</summary>
public sealed class ServiceInfoTests
{
    private static readonly string[] SpecRoutes =
    [
        "/token", "/add_user", "/del_user", "/status", "/upload_img2colorize", "/colorize", "/user_imgs",
        "/user_setprefmodel", "/user_imgrating", "/show_users", "/show_models",
        // The model lifecycle (issue 10).
        "/models/decisions", "/models/register", "/models/{model}/{version}/promote", "/models/{model}/rollback",
        "/models/{model}/{version}/evaluate", "/models/select",
    ];

    [Test]
    public async Task Status_lists_both_models_loaded_with_their_queues()
    {
        var server = await ApiServers.Shared;

        var status = await (await server.Anonymous.GetAsync("/status")).JsonAsync(HttpStatusCode.OK);

        status.GetProperty("status").GetString().Should().BeOneOf("available", "busy");
        status.GetProperty("queue_depth").GetInt32().Should().BeGreaterThanOrEqualTo(0);
        var models = status.GetProperty("models");
        models.Names("model").Should().Equal("autoencoder", "pix2pix");
        foreach (var model in models.EnumerateArray())
        {
            model.GetProperty("loaded").GetBoolean().Should().BeTrue();
            model.GetProperty("version").GetString().Should().MatchRegex("^[0-9a-f]{12}$");
            model.GetProperty("waiting").GetInt32().Should().BeGreaterThanOrEqualTo(0);
            model.TryGetProperty("p95_ms", out _).Should().BeTrue();
        }
    }

    [TestCase("/health/live")]
    [TestCase("/health/ready")]
    public async Task Health_probe_is_200_healthy(string route)
    {
        var server = await ApiServers.Shared;

        using var response = await server.Anonymous.GetAsync(route);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("Healthy");
    }

    [Test]
    public async Task OpenApi_document_lists_the_spec_routes_with_bearer_auth()
    {
        var server = await ApiServers.Shared;

        var document = await (await server.Anonymous.GetAsync("/openapi/v1.json")).JsonAsync(HttpStatusCode.OK);

        document.GetProperty("paths").EnumerateObject().Select(p => p.Name).Should().Contain(SpecRoutes);
        document.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer").GetProperty("scheme").GetString()
            .Should().Be("bearer");
    }

    [Test]
    public async Task Docs_serve_the_swagger_ui()
    {
        var server = await ApiServers.Shared;

        using var response = await server.Anonymous.GetAsync("/docs/");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        (await response.Content.ReadAsStringAsync()).Should().Contain("swagger-ui");
    }
}
