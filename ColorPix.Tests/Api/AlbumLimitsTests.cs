using System.IO.Compression;
using System.Net;
using ColorPix.Tests.Api.Infrastructure;

namespace ColorPix.Tests.Api;

/// <summary>The album limits of the Limits section, on an app of its own with small ones; each refusal leaves nothing behind.</summary>
public sealed class AlbumLimitsTests
{
    private const int MaxPhotos = 3;
    private const int MaxUploadBytes = 30_000;
    private const int MaxUncompressed = 60_000;
    private const int MaxAlbumUpload = 200_000;
    private ApiServer server = null!;

    [OneTimeSetUp]
    public async Task StartSmallLimitsServer() => server = await ApiServer.StartAsync(new Dictionary<string, string?>(ApiServers.GenerousLimits)
    {
        ["Limits:MaxAlbumPhotos"] = $"{MaxPhotos}",
        ["Limits:MaxUploadBytes"] = $"{MaxUploadBytes}",
        ["Limits:MaxAlbumUncompressedBytes"] = $"{MaxUncompressed}",
        ["Limits:MaxAlbumUploadBytes"] = $"{MaxAlbumUpload}",
        ["Limits:MaxPixels"] = "1000",
    });

    [OneTimeTearDown]
    public async Task StopServer() => await server.DisposeAsync();

    private static byte[] Noise(int bytes, int seed)
    {
        var noise = new byte[bytes];
        new Random(seed).NextBytes(noise);
        return noise;
    }

    private static IEnumerable<TestCaseData> Refusals() =>
    [
        new TestCaseData(Enumerable.Range(0, MaxPhotos + 1).Select(i => ($"{i}.png", TestPhotos.GrayPng(8, 8, seed: i))).ToArray(), "4 photos; the limit is 3")
            .SetName("Album_of_more_photos_than_the_limit_is_413"),
        new TestCaseData(new[] { ("a.zip", TestZips.Of(Enumerable.Range(0, 2 * MaxPhotos + 1).Select(i => ($"folder{i}/", (byte[]?)null)).ToArray())) },
                "declares 7 entries; the limit is 6")
            .SetName("Zip_declaring_more_entries_than_the_limit_is_413_from_its_end_record"),
        new TestCaseData(new[] { ("a.zip", TestZips.Of(Enumerable.Range(0, MaxPhotos + 1).Select(i => ($"{i}.png", (byte[]?)TestPhotos.GrayPng(8, 8, seed: i))).ToArray())) },
                "holds 4 files; the limit is 3 photos")
            .SetName("Zip_of_more_photos_than_the_limit_is_413"),
        new TestCaseData(new[] { ("a.zip", TestZips.Of(CompressionLevel.NoCompression, Enumerable.Range(0, MaxPhotos).Select(i => ($"{i}.png", (byte[]?)Noise(25_000, i))).ToArray())) },
                "inflate to 75,000 bytes; the limit is 60,000")
            .SetName("Zip_whose_photos_inflate_beyond_the_album_limit_is_413_before_inflating"),
        new TestCaseData(new[] { ("big.zip", Noise(MaxAlbumUpload + 100_000, 7)) }, "over the upload limit")
            .SetName("Album_request_over_its_body_limit_is_413"),
    ];

    [TestCaseSource(nameof(Refusals))]
    public async Task Refused_album((string Name, byte[] Bytes)[] files, string detail)
    {
        var user = await server.CreateUserDirectlyAsync();
        var before = await server.CountStoredAsync();
        var albums = await server.CountRowsAsync("albums");

        var problem = await (await user.UploadAlbumAsync(files)).ProblemAsync(HttpStatusCode.RequestEntityTooLarge);

        problem.GetProperty("detail").GetString().Should().Contain(detail);
        (await server.CountStoredAsync()).Should().Be(before);
        (await server.CountRowsAsync("albums")).Should().Be(albums);
    }

    [Test]
    public async Task Photos_over_the_pixel_or_size_limit_are_refused_in_the_album_as_single_uploads_are_and_the_others_go_on()
    {
        var user = await server.CreateUserDirectlyAsync();
        var zip = TestZips.Of(CompressionLevel.NoCompression,
            ("wide.png", TestPhotos.GrayPng(40, 30)), ("heavy.png", Noise(MaxUploadBytes + 1, 3)), ("fine.png", TestPhotos.GrayPng(20, 20)),
            ("__MACOSX/._padding", Noise(70_000, 4)));
        zip.Length.Should().BeGreaterThan(MaxUploadBytes + 64 * 1024, "an album's request may be larger than a single upload's");
        var single = await (await user.UploadAsync(TestPhotos.GrayPng(40, 30))).ProblemAsync(HttpStatusCode.UnprocessableEntity);

        var created = await (await user.UploadZipAsync(zip)).JsonAsync(HttpStatusCode.Accepted);
        var album = await user.FinishedAlbumAsync(created.GetProperty("album").GetProperty("id").GetGuid());

        album.StatusByName().Should().BeEquivalentTo(new Dictionary<string, string> { ["wide.png"] = "refused", ["heavy.png"] = "refused", ["fine.png"] = "done",
            ["__MACOSX/._padding"] = "skipped" });
        var problems = album.GetProperty("entries").EnumerateArray().ToDictionary(e => e.GetProperty("name").GetString()!, e => e.GetProperty("problem").GetString());
        problems["wide.png"].Should().Be($"Image too large: {single.GetProperty("detail").GetString()}");
        problems["heavy.png"].Should().Be($"Upload too large: the file is {MaxUploadBytes + 1:N0} bytes; the limit is {MaxUploadBytes:N0}");
    }
}
