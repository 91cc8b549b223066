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
    public async Task Every_operation_has_a_unique_operation_id_and_a_tag_with_a_description()
    {
        var document = await DocumentAsync();

        var operations = Operations(document).ToList();
        operations.Select(o => o.Operation.GetProperty("operationId").GetString()).Should().OnlyHaveUniqueItems().And.HaveCount(operations.Count);
        var described = document.GetProperty("tags").EnumerateArray()
            .Where(t => !string.IsNullOrEmpty(t.GetProperty("description").GetString())).Select(t => t.GetProperty("name").GetString()).ToList();
        operations.SelectMany(o => o.Operation.GetProperty("tags").EnumerateArray().Select(t => t.GetString())).Should().BeSubsetOf(described);
        document.GetProperty("servers")[0].GetProperty("url").GetString().Should().Be("/");
    }

    [TestCase("post", "/upload_img2colorize", new[] { "400", "401", "413", "415", "422", "429", "503" })]
    [TestCase("get", "/colorize", new[] { "400", "401", "404", "429", "503" })]
    [TestCase("post", "/add_user", new[] { "400", "409", "429" })]
    [TestCase("get", "/show_users", new[] { "401", "403" })]
    [TestCase("post", "/models/{model}/{version}/promote", new[] { "401", "403", "404", "409", "422" })]
    public async Task Operation_documents_its_failures_as_problem_details(string method, string path, string[] statuses)
    {
        var document = await DocumentAsync();

        var responses = document.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("responses");
        var failures = responses.EnumerateObject().Where(r => r.Name[0] is '4' or '5').ToList();
        failures.Select(r => r.Name).Should().BeEquivalentTo(statuses);
        foreach (var failure in failures)
            failure.Value.GetProperty("content").GetProperty("application/problem+json").GetProperty("schema").GetProperty("$ref").GetString()
                .Should().EndWith("/ProblemDetails", because: $"{method} {path} {failure.Name}");
    }

    [Test]
    public async Task Only_authorized_operations_require_the_bearer_token()
    {
        var document = await DocumentAsync();

        var secured = Operations(document).Where(o => o.Operation.GetProperty("security").EnumerateArray().Any(r => r.TryGetProperty("bearer", out _)))
            .Select(o => o.Path).ToList();
        secured.Should().Contain(["/upload_img2colorize", "/colorize", "/show_users"]).And.NotContain(["/token", "/add_user", "/status"]);
        Operations(document).Where(o => secured.Contains(o.Path)).Should().OnlyContain(o => o.Operation.GetProperty("responses").EnumerateObject().Any(r => r.Name == "401"));
    }

    [Test]
    public async Task The_openapi_verb_writes_the_served_document()
    {
        var server = await ApiServers.Shared;
        var served = await server.Anonymous.GetAsync("/openapi/v1.json");
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = Web.Cli.CliApp.Run(["openapi"], output, error);

        exit.Should().Be(0, error.ToString());
        output.ToString().Should().Be(await served.Content.ReadAsStringAsync());
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

    private static async Task<System.Text.Json.JsonElement> DocumentAsync() =>
        await (await (await ApiServers.Shared).Anonymous.GetAsync("/openapi/v1.json")).JsonAsync(HttpStatusCode.OK);

    private static IEnumerable<(string Path, System.Text.Json.JsonElement Operation)> Operations(System.Text.Json.JsonElement document) =>
        document.GetProperty("paths").EnumerateObject().SelectMany(p => p.Value.EnumerateObject().Select(o => (p.Name, o.Value)));
}
