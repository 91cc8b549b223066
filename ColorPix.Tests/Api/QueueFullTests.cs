using System.Runtime.InteropServices;
using System.Net;
using ColorPix.Core.Inference;
using ColorPix.Core.Models;
using ColorPix.Tests.Api.Infrastructure;
using TorchSharp;
using static TorchSharp.torch;
using ColorPix.Core.Imaging;
using ColorPix.Web.Hosting;
using Microsoft.AspNetCore.Http;

namespace ColorPix.Tests.Api;

public sealed class QueueFullTests
{
    private static IEnumerable<TestCaseData> Classifications() =>
    [
        new TestCaseData(new QueueFullException(ModelKind.Pix2Pix, 1, 3), 503, 3).SetName("Full_queue_maps_to_503_with_its_retry_after"),
        new TestCaseData(new ModelUnavailableException(ModelKind.AutoEncoder, "missing"), 503, 30).SetName("Unavailable_model_maps_to_503_retry_in_30_s"),
        new TestCaseData(new MemoryBusyException(700 << 20, 2048L << 20, 30), 503, 30).SetName("Spent_memory_budget_maps_to_503_with_its_retry_after"),
        new TestCaseData(new UnsupportedImageException("not an image"), 415, null).SetName("Unsupported_image_maps_to_415"),
        new TestCaseData(new ImageTooLargeException(50000, 50000, 40_000_000), 422, null).SetName("Image_over_the_pixel_cap_maps_to_422"),
        new TestCaseData(new BadHttpRequestException("too large", 413), 413, null).SetName("Oversized_body_maps_to_413"),
        new TestCaseData(new ExternalException("shape [1, 3] is invalid"), 500, null).SetName("Libtorch_error_maps_to_500"),
        new TestCaseData(new InvalidOperationException("secret path /srv/x"), 500, null).SetName("Unexpected_error_maps_to_500"),
    ];

    [TestCaseSource(nameof(Classifications))]
    public void Classify(Exception error, int status, int? retryAfter)
    {
        var problem = ProblemMapping.Classify(error);

        (problem.Status, problem.RetryAfter).Should().Be((status, retryAfter));
        if (status == 500) problem.Detail.Should().NotContain(error.Message, "a 500 says nothing of the server's insides");
    }

    /// <summary>With room for one waiting request per model, a burst must be served or refused cleanly: every answer a
    /// 200 or a 503 problem with Retry-After, and a refused colorization leaves no result behind. Whether the burst
    /// fills the queue depends on timing, so the test asserts what holds either way.</summary>
    [Test]
    public async Task Burst_on_a_one_slot_queue_is_served_or_refused_with_503_and_retry_after()
    {
        var settings = new Dictionary<string, string?>(ApiServers.GenerousLimits)
        {
            ["Inference:Capacity"] = "1", ["Inference:MaxBatch"] = "1", ["Inference:MaxDelayMs"] = "0",
        };
        await using var server = await ApiServer.StartAsync(settings);
        var user = await server.CreateUserDirectlyAsync();
        var ids = new List<Guid>();
        for (var seed = 0; seed < 12; seed++) ids.Add(await user.UploadedAsync(TestPhotos.GrayPng(256, 256, seed)));

        var responses = await Task.WhenAll(ids.Select(user.ColorizeAsync));

        var refused = 0;
        foreach (var response in responses)
        {
            if (response.StatusCode == HttpStatusCode.OK) continue;
            refused++;
            await response.ProblemAsync(HttpStatusCode.ServiceUnavailable);
            response.Headers.RetryAfter!.Delta!.Value.TotalSeconds.Should().BeGreaterThanOrEqualTo(1);
        }
        TestContext.Out.WriteLine($"{refused} of {responses.Length} refused");
        var results = await server.ObjectKeysAsync("users/");
        ((long)results.Count(k => k.EndsWith(".png") && !k.Contains("original"))).Should().Be((await server.CountRowsAsync("colorizations")),
            "every stored result has its row and no refused request left a result");
    }
}
