using System.Net;
using ColorPix.Tests.Api.Infrastructure;

namespace ColorPix.Tests.Api;

/// <summary>Another user's image id must answer exactly like an id that does not exist: ids reveal nothing.</summary>
public sealed class OwnershipTests
{
    private ApiServer server = null!;
    private ApiUser owner = null!;
    private ApiUser stranger = null!;
    private Guid ownersImage;

    private static IEnumerable<TestCaseData> Requests() =>
    [
        new TestCaseData("GET", "/colorize?id={0}").SetName("Colorize_of_another_users_image_answers_like_a_missing_id"),
        new TestCaseData("GET", "/images/{0}/original").SetName("Original_download_of_another_users_image_answers_like_a_missing_id"),
        new TestCaseData("GET", "/images/{0}/thumbnail").SetName("Thumbnail_of_another_users_image_answers_like_a_missing_id"),
        new TestCaseData("GET", "/images/{0}/results/autoencoder").SetName("Result_download_of_another_users_image_answers_like_a_missing_id"),
        new TestCaseData("GET", "/images/{0}/results/pix2pix?format=jpeg").SetName("Jpeg_result_of_another_users_image_answers_like_a_missing_id"),
        new TestCaseData("GET", "/images/{0}/results/pix2pix/thumbnail").SetName("Result_thumbnail_of_another_users_image_answers_like_a_missing_id"),
        new TestCaseData("PUT", "/images/{0}/consent?consent=true").SetName("Consent_on_another_users_image_answers_like_a_missing_id"),
        new TestCaseData("DELETE", "/images/{0}").SetName("Delete_of_another_users_image_answers_like_a_missing_id"),
        new TestCaseData("POST", "/user_imgrating?id={0}&model=autoencoder&rating=4").SetName("Rating_of_another_users_image_answers_like_a_missing_id"),
    ];

    [OneTimeSetUp]
    public async Task UploadAndColorizeOneImage()
    {
        server = await ApiServers.Shared;
        (owner, stranger) = (await server.SignUpAsync("owner"), await server.SignUpAsync("stranger"));
        ownersImage = await owner.UploadedAsync(TestPhotos.GrayPng(48, 40, seed: 11));
        (await owner.ColorizeAsync(ownersImage)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [TestCaseSource(nameof(Requests))]
    public async Task Answer(string method, string route)
    {
        var before = await server.CountStoredAsync();

        using var foreign = await stranger.SendAsync(new HttpMethod(method), string.Format(route, ownersImage.ToString("D")));
        using var missing = await stranger.SendAsync(new HttpMethod(method), string.Format(route, Guid.NewGuid().ToString("D")));

        var foreignProblem = await foreign.ProblemAsync(HttpStatusCode.NotFound);
        var missingProblem = await missing.ProblemAsync(HttpStatusCode.NotFound);
        foreignProblem.WithoutTraceId().Should().Be(missingProblem.WithoutTraceId());
        (await server.CountStoredAsync()).Should().Be(before, "the stranger changed nothing");
        var history = await (await owner.GetAsync("/user_imgs")).JsonAsync(HttpStatusCode.OK);
        var item = history.GetProperty("items")[0];
        item.GetProperty("consent").GetBoolean().Should().BeFalse("the stranger's consent did not apply");
        item.GetProperty("results").EnumerateArray().Should().OnlyContain(r => r.GetProperty("rating").ValueKind == System.Text.Json.JsonValueKind.Null);
    }
}
