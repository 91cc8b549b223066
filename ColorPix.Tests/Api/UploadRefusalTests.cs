using System.Diagnostics;
using System.Net;
using System.Text;
using ColorPix.Tests.Api.Infrastructure;

namespace ColorPix.Tests.Api;

/// <summary>Uploads the service must refuse, each with its status, and each leaving no object and no row behind.</summary>
public sealed class UploadRefusalTests
{
    private static readonly byte[] Gif = [.. "GIF89a"u8, 1, 0, 1, 0, 0, 0, 0, 59];

    private static IEnumerable<TestCaseData> Refusals() =>
    [
        new TestCaseData(TestPhotos.Fixture("not_an_image.txt"), "notes.txt", HttpStatusCode.UnsupportedMediaType)
            .SetName("Upload_of_a_text_file_is_415"),
        new TestCaseData(Gif, "anim.gif", HttpStatusCode.UnsupportedMediaType).SetName("Upload_of_a_gif_is_415"),
        new TestCaseData(Encoding.UTF8.GetBytes("<svg xmlns='http://www.w3.org/2000/svg'/>"), "x.svg", HttpStatusCode.UnsupportedMediaType)
            .SetName("Upload_of_an_svg_is_415"),
        new TestCaseData(TestPhotos.Fixture("truncated.jpg"), "truncated.jpg", HttpStatusCode.UnprocessableEntity)
            .SetName("Upload_of_a_truncated_jpeg_is_422"),
        new TestCaseData(TestPhotos.Fixture("bomb_50000x50000.png"), "bomb.png", HttpStatusCode.UnprocessableEntity)
            .SetName("Upload_of_a_50000x50000_png_bomb_is_422"),
    ];

    private static IEnumerable<TestCaseData> BadParameters() =>
    [
        new TestCaseData("POST", "/user_imgrating?id={0}&model=autoencoder&rating=0").SetName("Rating_0_is_400"),
        new TestCaseData("POST", "/user_imgrating?id={0}&model=autoencoder&rating=6").SetName("Rating_6_is_400"),
        new TestCaseData("POST", "/user_imgrating?id={0}&model=autoencoder&rating=abc").SetName("Rating_that_is_not_a_number_is_400"),
        new TestCaseData("POST", "/user_imgrating?id={0}&model=gan&rating=3").SetName("Rating_of_an_unknown_model_is_400"),
        new TestCaseData("POST", "/user_imgrating?id={0}&rating=3").SetName("Rating_without_a_model_is_400"),
        new TestCaseData("POST", "/user_imgrating?id=not-a-guid&model=pix2pix&rating=3").SetName("Rating_with_a_malformed_id_is_400"),
        new TestCaseData("POST", "/user_setprefmodel?model=3").SetName("Preferred_model_3_is_400"),
        new TestCaseData("POST", "/user_setprefmodel?model=pix2pix").SetName("Preferred_model_by_name_is_400"),
        new TestCaseData("POST", "/user_setprefmodel").SetName("Preferred_model_missing_is_400"),
        new TestCaseData("GET", "/colorize").SetName("Colorize_without_an_id_is_400"),
        new TestCaseData("GET", "/colorize?id=42").SetName("Colorize_with_a_malformed_id_is_400"),
        new TestCaseData("GET", "/images/{0}/results/gan").SetName("Result_of_an_unknown_model_is_400"),
        new TestCaseData("GET", "/images/{0}/results/pix2pix?format=gif").SetName("Result_in_an_unknown_format_is_400"),
        new TestCaseData("GET", "/user_imgs?limit=0").SetName("History_page_of_0_is_400"),
    ];

    [TestCaseSource(nameof(Refusals))]
    public async Task Refused_upload(byte[] bytes, string fileName, HttpStatusCode status)
    {
        var server = await ApiServers.Shared;
        var user = await server.SignUpAsync();
        var before = await server.CountStoredAsync();
        var watch = Stopwatch.StartNew();

        await (await user.UploadAsync(bytes, fileName, "application/octet-stream")).ProblemAsync(status);

        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5), "a refusal is decided from the header, never by decoding a bomb");
        (await server.CountStoredAsync()).Should().Be(before);
    }

    [Test]
    public async Task Upload_without_the_file_field_is_400()
    {
        var server = await ApiServers.Shared;
        var user = await server.SignUpAsync();
        var before = await server.CountStoredAsync();

        await (await user.UploadAsync(TestPhotos.GrayPng(16, 16), field: "photo")).ProblemAsync(HttpStatusCode.BadRequest);

        (await server.CountStoredAsync()).Should().Be(before);
    }

    [TestCaseSource(nameof(BadParameters))]
    public async Task Bad_parameter(string method, string route)
    {
        var server = await ApiServers.Shared;
        var user = await server.SignUpAsync();
        var id = await user.UploadedAsync(TestPhotos.GrayPng(16, 16));
        var before = await server.CountStoredAsync();

        await (await user.SendAsync(new HttpMethod(method), string.Format(route, id.ToString("D")))).ProblemAsync(HttpStatusCode.BadRequest);

        (await server.CountStoredAsync()).Should().Be(before);
    }

    [Test]
    public async Task Color_photo_is_accepted_with_a_note()
    {
        var server = await ApiServers.Shared;
        var user = await server.SignUpAsync();

        var upload = await (await user.UploadAsync(TestPhotos.ColorPng(40, 30))).JsonAsync(HttpStatusCode.Created);

        upload.GetProperty("was_grayscale").GetBoolean().Should().BeFalse();
        upload.GetProperty("note").GetString().Should().Contain("in color");
        var colorized = await (await user.ColorizeAsync(upload.GetProperty("id").GetGuid())).JsonAsync(HttpStatusCode.OK);
        colorized.GetProperty("was_grayscale").GetBoolean().Should().BeFalse();
    }

    [Test]
    public async Task Exif_rotated_photo_is_colorized_upright()
    {
        var server = await ApiServers.Shared;
        var user = await server.SignUpAsync();
        var stored = Web.Endpoints.ContentTypes.Jpeg; // the original is kept byte for byte: 40x20 with orientation 6
        var bytes = TestPhotos.Fixture("exif_orientation6.jpg");

        var upload = await (await user.UploadAsync(bytes, "rotated.jpg", stored)).JsonAsync(HttpStatusCode.Created);
        (upload.GetProperty("width").GetInt32(), upload.GetProperty("height").GetInt32()).Should().Be((20, 40));
        var id = upload.GetProperty("id").GetGuid();
        var colorized = await (await user.ColorizeAsync(id)).JsonAsync(HttpStatusCode.OK);

        using var original = await user.GetAsync($"/images/{id:D}/original");
        (await original.Content.ReadAsByteArrayAsync()).Should().Equal(bytes);
        foreach (var result in colorized.GetProperty("results").EnumerateArray())
        {
            using var download = await user.GetAsync(result.GetProperty("url").GetString()!);
            TestPhotos.SizeOf(await download.Content.ReadAsByteArrayAsync()).Should().Be((20, 40), "stored 40x20, shown upright 20x40");
        }
    }
}
