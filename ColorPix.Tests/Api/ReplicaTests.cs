using System.Net;
using ColorPix.Tests.Api.Infrastructure;
using ColorPix.Web.Auth;
using Microsoft.AspNetCore.DataProtection;

namespace ColorPix.Tests.Api;

/// <summary>Two replicas on one PostgreSQL database and S3 bucket, with no signing key configured: every secret and
/// every limit comes from the shared database, so which replica answers makes no difference.</summary>
public sealed class ReplicaTests
{
    private const int LoginPerMinute = 3;
    private const int ColorizePerMinute = 3;
    private ApiServer first = null!;
    private ApiServer second = null!;

    [OneTimeSetUp]
    public async Task StartTwoReplicas()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Auth:SigningKey"] = "",
            ["Limits:LoginPerMinute"] = LoginPerMinute.ToString(),
            ["Limits:ColorizePerMinute"] = ColorizePerMinute.ToString(),
            ["Proxy:Trusted:0"] = "127.0.0.1",
        };
        first = await ApiServer.StartAsync(settings, ApiStorage.PostgresAndS3);   // the replicas' storage
        second = await first.StartReplicaAsync(settings);
    }

    [OneTimeTearDown]
    public async Task StopReplicas()
    {
        await second.DisposeAsync();
        await first.DisposeAsync();
    }

    [Test]
    public async Task A_token_issued_by_one_replica_opens_the_other()
    {
        var user = await first.SignUpAsync();

        using var history = await user.Via(second.Http).GetAsync("/user_imgs");

        history.StatusCode.Should().Be(HttpStatusCode.OK);
        (await first.CountRowsAsync("shared_secrets", "name = @Name", new { Name = SigningKeyProvider.SecretName })).Should().Be(1);
    }

    [Test]
    public async Task What_one_replica_protects_the_other_unprotects()
    {
        var protectedText = first.Service<IDataProtectionProvider>().CreateProtector("replica-test").Protect("a secret");

        second.Service<IDataProtectionProvider>().CreateProtector("replica-test").Unprotect(protectedText).Should().Be("a secret");
        (await first.CountRowsAsync("shared_secrets", "name LIKE 'data-protection/%'")).Should().BeGreaterThan(0);
    }

    [Test]
    public async Task Sign_in_attempts_are_counted_across_replicas()
    {
        var user = await first.CreateUserDirectlyAsync();
        using var client = ForwardedFrom("203.0.113.7", first, second);

        for (var attempt = 0; attempt < LoginPerMinute; attempt++)
            (await client[attempt % 2].TokenAsync(user.Username, "wrong-password-123")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        await (await client[0].TokenAsync(user.Username, ApiServer.Password)).ProblemAsync(HttpStatusCode.TooManyRequests);
        await (await client[1].TokenAsync(user.Username, ApiServer.Password)).ProblemAsync(HttpStatusCode.TooManyRequests);
    }

    [Test]
    public async Task Behind_a_trusted_proxy_each_client_address_has_its_own_sign_in_limit()
    {
        var user = await first.CreateUserDirectlyAsync();
        using var greedy = ForwardedFrom("203.0.113.8", first, second);
        using var other = ForwardedFrom("203.0.113.9", first, second);
        for (var attempt = 0; attempt < LoginPerMinute; attempt++)
            (await greedy[attempt % 2].TokenAsync(user.Username, "wrong-password-123")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        (await greedy[1].TokenAsync(user.Username, ApiServer.Password)).StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        (await other[1].TokenAsync(user.Username, ApiServer.Password)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task Colorizations_per_user_are_counted_across_replicas()
    {
        var user = await first.CreateUserDirectlyAsync();
        var id = await user.UploadedAsync(TestPhotos.GrayPng(20, 20));   // the upload spends a permit too
        (await user.Via(second.Http).ColorizeAsync(id)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await user.ColorizeAsync(id)).StatusCode.Should().Be(HttpStatusCode.OK);

        using var refused = await user.Via(second.Http).ColorizeAsync(id);

        await refused.ProblemAsync(HttpStatusCode.TooManyRequests);
        refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds.Should().BeInRange(1, 60);
    }

    /// <summary>Anonymous clients of each replica whose requests say, as nginx would, that they come from
    /// <paramref name="address"/>.</summary>
    private static Clients ForwardedFrom(string address, params ApiServer[] servers)
    {
        var https = servers.Select(s =>
        {
            var http = new HttpClient { BaseAddress = s.Http.BaseAddress };
            http.DefaultRequestHeaders.Add("X-Forwarded-For", address);
            return http;
        }).ToList();
        return new Clients(https);
    }

    private sealed class Clients(List<HttpClient> https) : IDisposable
    {
        public ApiUser this[int replica] => new(https[replica], "", null);

        public void Dispose() => https.ForEach(h => h.Dispose());
    }
}
