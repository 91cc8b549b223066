using System.Net;
using ColorPix.Tests.Api.Infrastructure;

namespace ColorPix.Tests.Monitoring;

public class ServiceWatchTests
{
    [Test]
    public async Task A_window_of_failing_or_slow_requests_raises_one_error_rate_and_one_latency_alert()
    {
        await using var server = await ApiServer.StartAsync(new Dictionary<string, string?>
        {
            // No model to serve: every colorization is a 503. Any request is "slow" against a 1 µs threshold.
            ["Models:AutoEncoder"] = "/nonexistent/autoencoder.safetensors", ["Models:Pix2Pix"] = "/nonexistent/pix2pix.safetensors",
            ["Watch:WindowMinutes"] = "0.02", ["Watch:MinRequests"] = "3", ["Watch:MaxErrorRate"] = "0.2", ["Watch:MaxP95Seconds"] = "0.000001",
        });
        var user = await server.SignUpAsync();
        var id = await user.UploadedAsync(TestPhotos.GrayPng(32, 32));
        for (var i = 0; i < 4; i++) await (await user.ColorizeAsync(id)).ProblemAsync(HttpStatusCode.ServiceUnavailable);

        var admin = await server.AdminAsync();
        var kinds = new List<string>();
        await Eventually.UntilAsync(async () =>
        {
            var alerts = await (await admin.GetAsync("/alerts")).JsonAsync(HttpStatusCode.OK);
            kinds = alerts.EnumerateArray().Select(a => a.GetProperty("kind").GetString()!).ToList();
            return kinds.Contains("error-rate") && kinds.Contains("latency");
        }, "an error-rate and a latency alert are raised", state: () => Task.FromResult($"alerts seen: {string.Join(", ", kinds)}"));

        kinds.Count(k => k == "error-rate").Should().Be(1, "one alert per window, not one per check");
    }
}
