using System.Net;
using ColorPix.Tests.Api.Infrastructure;
using ColorPix.Tests.Storage.Servers;

namespace ColorPix.Tests.Api;

/// <summary>PostgreSQL or S3 stopped under a running service, then started again: readiness turns false, requests get 503
/// ProblemDetails with Retry-After (never 500), and the service recovers by itself with nothing lost.</summary>
public class OutageTests
{
    [Test]
    public async Task With_the_database_down_requests_get_503_with_retry_after_and_the_service_recovers_when_it_is_back()
    {
        using var postgres = PostgresServer.Start(durable: true); // its own server: the shared one must not stop under other tests
        var database = await postgres.CreateDatabaseAsync();
        await using var server = await ApiServer.StartAsync(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "postgres", ["Database:ConnectionString"] = postgres.ConnectionString(database),
        });
        var user = await server.SignUpAsync();
        var id = await user.UploadedAsync(TestPhotos.GrayPng(48, 32));

        postgres.Halt();
        var ready = await server.Anonymous.GetAsync("/health/ready");
        var history = await user.GetAsync("/user_imgs");
        var signIn = await server.Anonymous.TokenAsync(user.Username, ApiServer.Password);
        var upload = await user.UploadAsync(TestPhotos.GrayPng(48, 32, seed: 4));
        postgres.Resume();

        ready.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        foreach (var response in new[] { history, signIn, upload })
        {
            var problem = await response.ProblemAsync(HttpStatusCode.ServiceUnavailable);
            problem.GetProperty("title").GetString().Should().Be("Storage unavailable");
            response.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(5));
        }
        await Eventually.UntilAsync(async () => (await server.Anonymous.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK, "ready again");
        var items = (await (await user.GetAsync("/user_imgs")).JsonAsync(HttpStatusCode.OK)).GetProperty("items");
        items.EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).Should().Equal(id);
        (await server.CountStoredAsync()).Objects.Should().Be(2, "the upload refused during the outage took its objects back: the first one's two are left");
    }

    [Test]
    public async Task With_the_object_store_down_uploads_and_downloads_get_503_with_retry_after_and_work_again_when_it_is_back()
    {
        using var s3 = S3rverServer.Start(); // its own server, for the same reason
        var bucket = s3.Options("outage");
        await using var server = await ApiServer.StartAsync(new Dictionary<string, string?>
        {
            ["ObjectStorage:Provider"] = "s3", ["ObjectStorage:S3:ServiceUrl"] = bucket.ServiceUrl, ["ObjectStorage:S3:Bucket"] = bucket.Bucket,
            ["ObjectStorage:S3:AccessKey"] = bucket.AccessKey, ["ObjectStorage:S3:SecretKey"] = bucket.SecretKey, ["ObjectStorage:S3:ForcePathStyle"] = "true",
        });
        var user = await server.SignUpAsync();
        var id = await user.UploadedAsync(TestPhotos.GrayPng(48, 32, seed: 2));

        s3.Halt();
        var ready = await server.Anonymous.GetAsync("/health/ready");
        var upload = await user.UploadAsync(TestPhotos.GrayPng(48, 32, seed: 3));
        var original = await user.GetAsync($"/images/{id:D}/original");
        s3.Resume();

        ready.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        foreach (var response in new[] { upload, original })
        {
            (await response.ProblemAsync(HttpStatusCode.ServiceUnavailable)).GetProperty("title").GetString().Should().Be("Storage unavailable");
            response.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(5));
        }
        await Eventually.UntilAsync(async () => (await server.Anonymous.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK, "ready again");
        (await user.GetAsync($"/images/{id:D}/original")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await (await user.GetAsync("/user_imgs")).JsonAsync(HttpStatusCode.OK)).GetProperty("total").GetInt64().Should().Be(1,
            "the upload refused during the outage left no row");
        (await server.ObjectKeysAsync("users/")).Should().HaveCount(2, "nor any object: the first upload's original and thumbnail are all");
    }
}
