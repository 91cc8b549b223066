using System.Net;
using ColorPix.Tests.Api.Infrastructure;

namespace ColorPix.Tests.Api;

/// <summary>Size, pixel and rate limits, on an app of its own with small limits (the shared app's are generous).</summary>
public sealed class LimitsTests
{
    private const int MaxUploadBytes = 4096;
    private const int LoginPerMinute = 3;
    private const int ColorizePerMinute = 2;
    private ApiServer server = null!;

    // Just over the limit (the handler's check), over the multipart limit, and over Kestrel's body limit.
    private static readonly int[] OversizedBodies = [MaxUploadBytes + 1, MaxUploadBytes + 32 * 1024, MaxUploadBytes + 256 * 1024];

    [OneTimeSetUp]
    public async Task StartSmallLimitsServer() => server = await ApiServer.StartAsync(new Dictionary<string, string?>
    {
        ["Limits:MaxUploadBytes"] = MaxUploadBytes.ToString(),
        ["Limits:MaxPixels"] = "1000",
        ["Limits:LoginPerMinute"] = LoginPerMinute.ToString(),
        ["Limits:ColorizePerMinute"] = ColorizePerMinute.ToString(),
    });

    [OneTimeTearDown]
    public async Task StopServer() => await server.DisposeAsync();

    [TestCaseSource(nameof(OversizedBodies))]
    public async Task Upload_over_the_size_limit_is_413(int size)
    {
        var user = await server.CreateUserDirectlyAsync();
        var before = await server.CountStoredAsync();
        var bytes = new byte[size];
        new Random(size).NextBytes(bytes);

        await (await user.UploadAsync(bytes)).ProblemAsync(HttpStatusCode.RequestEntityTooLarge);

        (await server.CountStoredAsync()).Should().Be(before);
    }

    [Test]
    public async Task Upload_over_the_pixel_cap_is_422()
    {
        var user = await server.CreateUserDirectlyAsync();
        var before = await server.CountStoredAsync();

        var problem = await (await user.UploadAsync(TestPhotos.GrayPng(40, 30))).ProblemAsync(HttpStatusCode.UnprocessableEntity);

        problem.GetProperty("detail").GetString().Should().Contain("40x30");
        (await server.CountStoredAsync()).Should().Be(before);
    }

    [Test]
    public async Task Sign_in_attempts_over_the_limit_are_429_with_retry_after()
    {
        var user = await server.CreateUserDirectlyAsync();
        for (var attempt = 0; attempt < LoginPerMinute; attempt++)
            (await server.Anonymous.TokenAsync(user.Username, "wrong-password-123")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        using var refused = await server.Anonymous.TokenAsync(user.Username, ApiServer.Password);

        await refused.ProblemAsync(HttpStatusCode.TooManyRequests);
        refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds.Should().BeInRange(1, 60);
    }

    [Test]
    public async Task Colorizations_over_the_per_user_limit_are_429_and_other_users_go_on()
    {
        var (greedy, other) = (await server.CreateUserDirectlyAsync(), await server.CreateUserDirectlyAsync());
        var id = await greedy.UploadedAsync(TestPhotos.GrayPng(20, 20));   // the upload spends a permit too
        (await greedy.ColorizeAsync(id)).StatusCode.Should().Be(HttpStatusCode.OK);

        using var refused = await greedy.ColorizeAsync(id);

        await refused.ProblemAsync(HttpStatusCode.TooManyRequests);
        refused.Headers.RetryAfter.Should().NotBeNull();
        (await other.UploadAsync(TestPhotos.GrayPng(20, 20))).StatusCode.Should().Be(HttpStatusCode.Created);
    }
}
