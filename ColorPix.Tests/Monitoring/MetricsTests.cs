using System.Net;
using ColorPix.Tests.Api.Infrastructure;
using ColorPix.Tests.Api.Lifecycle;
using ColorPix.Training.Registry;
using ColorPix.Web.Lifecycle;

namespace ColorPix.Tests.Monitoring;

/// <summary>GET /metrics against what a session really did. Each test starts its own server: the shared one's counters
/// hold every other test's traffic.</summary>
public class MetricsTests
{
    private const string Upload = "route=/upload_img2colorize";

    [Test]
    public async Task A_scripted_session_is_counted_exactly_by_route_model_reason_and_stars()
    {
        await using var server = await ApiServer.StartAsync();
        var user = await server.SignUpAsync();
        var ids = new List<Guid>();
        for (var seed = 1; seed <= 3; seed++) ids.Add(await user.UploadedAsync(TestPhotos.GrayPng(40, 30, seed)));
        using (var refused = await user.UploadAsync(TestPhotos.Fixture("not_an_image.txt"), "notes.txt", "text/plain"))
            refused.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
        foreach (var id in ids.Take(2)) (await user.ColorizeAsync(id)).StatusCode.Should().Be(HttpStatusCode.OK);
        foreach (var (id, model, stars) in new[] { (ids[0], "autoencoder", 5), (ids[1], "autoencoder", 5), (ids[1], "pix2pix", 2) })
            (await user.PostAsync($"/user_imgrating?id={id:D}&model={model}&rating={stars}")).StatusCode.Should().Be(HttpStatusCode.OK);

        var scrape = await Scrape.OfAsync(server);

        scrape.Value("colorpix_uploads_total").Should().Be(3);
        scrape.Value("colorpix_upload_refusals_total", "reason=unsupported_format").Should().Be(1);
        scrape.Series("colorpix_upload_refusals_total").Where(s => s.Labels["reason"] != "unsupported_format").Should().OnlyContain(s => s.Value == 0);
        scrape.Value("colorpix_http_requests_total", Upload, "method=POST", "code=201").Should().Be(3);
        scrape.Value("colorpix_http_requests_total", Upload, "method=POST", "code=415").Should().Be(1);
        scrape.Value("colorpix_http_request_duration_seconds_count", Upload, "method=POST").Should().Be(4);
        scrape.Value("colorpix_http_requests_total", "route=/colorize", "method=GET", "code=200").Should().Be(2);
        scrape.Value("colorpix_http_requests_total", "route=/user_imgrating", "method=POST", "code=200").Should().Be(3);
        scrape.Samples.Should().NotContain(s => s.Labels.Values.Any(v => ids.Any(id => v.Contains(id.ToString("D")))), "ids never become labels");
        foreach (var model in new[] { "autoencoder", "pix2pix" })
        {
            scrape.Value("colorpix_colorizations_total", $"model={model}").Should().Be(2);
            scrape.Value("colorpix_colorization_failures_total", $"model={model}").Should().Be(0);
            scrape.Value("colorpix_queue_wait_seconds_count", $"model={model}").Should().Be(2);
            scrape.Series("colorpix_inference_batch_size_sum", $"model={model}").Sum(s => s.Value).Should().Be(2, "each request is in one batch");
            scrape.Value("colorpix_queue_depth", $"model={model}").Should().Be(0);
            scrape.Value("colorpix_model_loaded", $"model={model}").Should().Be(1);
        }
        scrape.Value("colorpix_ratings_total", "model=autoencoder", "stars=5").Should().Be(2);
        scrape.Value("colorpix_ratings_total", "model=pix2pix", "stars=2").Should().Be(1);
        scrape.Series("colorpix_ratings_total").Sum(s => s.Value).Should().Be(3);
        scrape.Value("colorpix_memory_budget_limit_bytes").Should().Be(2048L << 20, "Inference:MemoryBudgetMB defaults to 2048");
        scrape.Value("colorpix_memory_budget_in_use_bytes").Should().Be(0, "nothing is in flight during the scrape");
    }

    [Test]
    public async Task After_a_promotion_the_model_info_shows_only_the_new_version()
    {
        var folder = Directory.CreateTempSubdirectory("colorpix-metrics-").FullName;
        try
        {
            await using var server = await ApiServer.StartAsync();
            var admin = await server.AdminAsync();
            var first = (await Scrape.OfAsync(server)).Series("colorpix_model_info", "model=autoencoder").Should().ContainSingle().Subject;
            var second = (await server.Service<ModelVersions>().RegisterAsync(LifecycleCheckpoints.AutoEncoder(folder, "second", 0.1f),
                new RegistrationDetails(TrainingLineage.Unknown), CancellationToken.None)).Version;

            (await admin.PostAsync($"/models/autoencoder/{second}/promote")).StatusCode.Should().Be(HttpStatusCode.OK);
            var after = await Scrape.OfAsync(server);

            first.Labels["version"].Should().NotBe(second);
            first.Value.Should().Be(1);
            after.Series("colorpix_model_info", "model=autoencoder").Select(s => (s.Labels["version"], s.Value)).Should().Equal((second, 1.0));
            after.Series("colorpix_model_info", "model=pix2pix").Should().ContainSingle().Which.Value.Should().Be(1);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public async Task With_a_bearer_token_configured_a_scrape_without_it_is_401_and_with_it_200()
    {
        const string token = "scrape-token-for-tests";
        await using var server = await ApiServer.StartAsync(new Dictionary<string, string?> { ["Metrics:BearerToken"] = token });

        await (await server.Anonymous.GetAsync("/metrics")).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await server.Anonymous.WithToken("wrong-token").GetAsync("/metrics")).ProblemAsync(HttpStatusCode.Unauthorized);
        var scrape = await Scrape.OfAsync(server, token);

        scrape.Names.Should().Contain("colorpix_uploads_total");
        scrape.Value("colorpix_http_requests_total", "route=/metrics", "method=GET", "code=401").Should().Be(2, "refused scrapes are requests too");
    }

    [Test]
    public async Task With_metrics_disabled_there_is_no_metrics_route()
    {
        await using var server = await ApiServer.StartAsync(new Dictionary<string, string?> { ["Metrics:Enabled"] = "false" });

        (await server.Anonymous.GetAsync("/metrics")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
