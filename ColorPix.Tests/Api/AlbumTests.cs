using System.Net;
using ColorPix.Core.Imaging;
using ColorPix.Tests.Api.Infrastructure;

namespace ColorPix.Tests.Api;

/// <summary>Albums on the shared app: several photos or one ZIP, each photo as a single upload would be, progress
/// until done, one ZIP of the results, and the archives the service must refuse before inflating them.</summary>
public sealed class AlbumTests
{
    [Test]
    public async Task Album_of_several_photos_is_colorized_and_downloads_as_one_zip_named_after_the_photos()
    {
        var server = await ApiServers.Shared;
        var user = await server.SignUpAsync();
        var sizes = new[] { (40, 30), (24, 36), (32, 32) };

        using var response = await user.UploadAlbumAsync(sizes.Select((s, i) => ($"scan {i}.png", TestPhotos.GrayPng(s.Item1, s.Item2, seed: 40 + i))).ToArray());
        var created = await response.JsonAsync(HttpStatusCode.Accepted);
        var id = created.GetProperty("album").GetProperty("id").GetGuid();
        response.Headers.Location!.ToString().Should().Be($"/albums/{id:D}");
        created.GetProperty("album").GetProperty("total").GetInt32().Should().Be(3);
        var album = await user.FinishedAlbumAsync(id);

        var summary = album.GetProperty("album");
        (summary.GetProperty("done").GetInt32(), summary.GetProperty("failed").GetInt32(), summary.GetProperty("pending").GetInt32()).Should().Be((3, 0, 0));
        album.GetProperty("entries").EnumerateArray().Should().OnlyContain(e => e.GetProperty("results").GetArrayLength() == 2);
        (await server.CountRowsAsync("images", "owner_id = (SELECT id FROM users WHERE username = @U)", new { U = user.Username })).Should().Be(3,
            "each photo of the album is an image in the history, as a single upload is");
        using var download = await user.GetAsync(summary.GetProperty("download_url").GetString()!);
        download.StatusCode.Should().Be(HttpStatusCode.OK);
        download.Content.Headers.ContentType!.MediaType.Should().Be("application/zip");
        var entries = TestZips.Read(await download.Content.ReadAsByteArrayAsync());
        entries.Keys.Should().BeEquivalentTo(Enumerable.Range(0, 3).SelectMany(i => new[] { $"scan {i}.autoencoder.png", $"scan {i}.pix2pix.png" }));
        for (var i = 0; i < sizes.Length; i++)
            TestPhotos.SizeOf(entries[$"scan {i}.pix2pix.png"]).Should().Be(sizes[i], "each result has its photo's size");
    }

    [Test]
    public async Task Zip_album_skips_folders_and_system_files_and_reports_each_refused_photo()
    {
        var server = await ApiServers.Shared;
        var user = await server.SignUpAsync();
        var zip = TestZips.Of(
            ("holiday/", null),
            ("holiday/beach.png", TestPhotos.GrayPng(30, 20, seed: 50)),
            ("holiday/notes.txt", TestPhotos.Fixture("not_an_image.txt")),
            ("holiday/broken.jpg", TestPhotos.Fixture("truncated.jpg")),
            ("__MACOSX/holiday/._beach.png", [0, 5, 22, 7]),
            ("holiday/.DS_Store", [0, 0, 0, 1]),
            ("holiday/more.zip", TestZips.Of(("inner.png", TestPhotos.GrayPng(8, 8)))),
            ("town.png", TestPhotos.GrayPng(20, 30, seed: 51)));

        var created = await (await user.UploadZipAsync(zip, "holiday.zip")).JsonAsync(HttpStatusCode.Accepted);
        created.GetProperty("album").GetProperty("name").GetString().Should().Be("holiday");
        var album = await user.FinishedAlbumAsync(created.GetProperty("album").GetProperty("id").GetGuid());

        album.StatusByName().Should().BeEquivalentTo(new Dictionary<string, string>
        {
            ["holiday/"] = "skipped", ["holiday/beach.png"] = "done", ["holiday/notes.txt"] = "refused", ["holiday/broken.jpg"] = "refused",
            ["__MACOSX/holiday/._beach.png"] = "skipped", ["holiday/.DS_Store"] = "skipped", ["holiday/more.zip"] = "skipped", ["town.png"] = "done",
        });
        var problems = album.GetProperty("entries").EnumerateArray().ToDictionary(e => e.GetProperty("name").GetString()!, e => e.GetProperty("problem").GetString());
        problems["holiday/notes.txt"].Should().StartWith("Unsupported image", "the words a single upload of it gets (415)");
        problems["holiday/broken.jpg"].Should().StartWith("Unreadable image", "the words a single upload of it gets (422)");
        problems["holiday/more.zip"].Should().Contain("nested archives are not opened");
        var summary = album.GetProperty("album");
        (summary.GetProperty("total").GetInt32(), summary.GetProperty("done").GetInt32(), summary.GetProperty("refused").GetInt32(),
            summary.GetProperty("skipped").GetInt32()).Should().Be((2, 2, 2, 4));
    }

    [Test]
    public async Task Zip_slip_names_become_plain_unique_file_names_in_the_download()
    {
        var server = await ApiServers.Shared;
        var user = await server.SignUpAsync();
        var zip = TestZips.Of(
            ("../../../etc/evil.png", TestPhotos.GrayPng(16, 16, seed: 60)),
            ("/absolute/evil.png", TestPhotos.GrayPng(16, 16, seed: 61)),
            ("a\\..\\..\\windows.png", TestPhotos.GrayPng(16, 16, seed: 62)),
            ("../ .png", TestPhotos.GrayPng(16, 16, seed: 63)));

        var created = await (await user.UploadZipAsync(zip)).JsonAsync(HttpStatusCode.Accepted);
        var album = await user.FinishedAlbumAsync(created.GetProperty("album").GetProperty("id").GetGuid());
        using var download = await user.GetAsync(album.GetProperty("album").GetProperty("download_url").GetString()!);
        var names = TestZips.Read(await download.Content.ReadAsByteArrayAsync()).Keys.Where(n => n.EndsWith(".pix2pix.png", StringComparison.Ordinal));

        names.Should().BeEquivalentTo("evil.pix2pix.png", "evil-2.pix2pix.png", "windows.pix2pix.png", "photo-4.pix2pix.png");
        server.ObjectFolder.Should().NotBeNull();
        Directory.EnumerateFiles(Path.GetDirectoryName(server.ObjectFolder)!, "*evil*", SearchOption.AllDirectories).Should().BeEmpty(
            "no uploaded name is ever used as a path");
    }

    private static IEnumerable<TestCaseData> Bombs() =>
    [
        new TestCaseData(TestZips.Zeros("zeros.png", 10 * 1024 * 1024), HttpStatusCode.UnprocessableEntity, "more than 100 times")
            .SetName("Zip_of_10_MB_of_zeros_is_refused_from_its_directory_as_a_bomb"),
        new TestCaseData(TestZips.Of(("flat.bmp", TestZips.FlatBmp(400, 300))), HttpStatusCode.UnprocessableEntity, "more than 100 times")
            .SetName("Zip_entry_over_the_compression_ratio_limit_is_refused"),
        new TestCaseData(TestZips.Lying("small.png", 5 * 1024 * 1024, declared: 4096), HttpStatusCode.UnprocessableEntity, "small.png")
            .SetName("Zip_entry_that_inflates_beyond_its_declared_size_is_refused_while_inflating"),
        new TestCaseData(TestZips.Overlapping(TestPhotos.GrayPng(64, 64), copies: 20), HttpStatusCode.UnprocessableEntity, "overlap")
            .SetName("Zip_of_overlapping_entries_is_refused_as_a_bomb"),
        new TestCaseData(TestZips.Of(("readme.txt", "no photos here"u8.ToArray())), HttpStatusCode.UnprocessableEntity, "none of its 1 entries")
            .SetName("Zip_without_a_photo_is_422"),
        new TestCaseData(TestZips.Of(), HttpStatusCode.UnprocessableEntity, "no photo")
            .SetName("Empty_zip_is_422"),
        new TestCaseData(TestZips.Of(("a.png", TestPhotos.GrayPng(8, 8)))[..^10], HttpStatusCode.UnprocessableEntity, "cannot be read")
            .SetName("Truncated_zip_is_422"),
    ];

    [TestCaseSource(nameof(Bombs))]
    public async Task Refused_zip(byte[] zip, HttpStatusCode status, string detail)
    {
        var server = await ApiServers.Shared;
        var user = await server.SignUpAsync();
        var before = await server.CountStoredAsync();
        var albums = await server.CountRowsAsync("albums");

        var problem = await (await user.UploadZipAsync(zip)).ProblemAsync(status);

        problem.GetProperty("detail").GetString().Should().Contain(detail);
        (await server.CountStoredAsync()).Should().Be(before, "a refused album leaves none of its photos behind");
        (await server.CountRowsAsync("albums")).Should().Be(albums);
    }

    [Test]
    public async Task Album_without_a_file_field_is_400()
    {
        var server = await ApiServers.Shared;
        var user = await server.SignUpAsync();
        var form = new MultipartFormDataContent { { new ByteArrayContent(TestPhotos.GrayPng(8, 8)), "photo", "a.png" } };

        await (await user.PostAsync("/albums", form)).ProblemAsync(HttpStatusCode.BadRequest);
        await (await user.GetAsync("/albums?limit=0")).ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task Albums_are_listed_newest_first_with_their_progress()
    {
        var server = await ApiServers.Shared;
        var user = await server.SignUpAsync();
        var first = (await (await user.UploadAlbumAsync(("a.png", TestPhotos.GrayPng(16, 16, seed: 70)))).JsonAsync(HttpStatusCode.Accepted))
            .GetProperty("album").GetProperty("id").GetGuid();
        var second = (await (await user.UploadZipAsync(TestZips.Of(("b.png", TestPhotos.GrayPng(16, 16, seed: 71)), ("c.png", TestPhotos.GrayPng(16, 16, seed: 72))), "second.zip"))
            .JsonAsync(HttpStatusCode.Accepted)).GetProperty("album").GetProperty("id").GetGuid();
        await user.FinishedAlbumAsync(first);
        await user.FinishedAlbumAsync(second);

        var page = await (await user.GetAsync("/albums")).JsonAsync(HttpStatusCode.OK);

        page.GetProperty("total").GetInt64().Should().Be(2);
        var items = page.GetProperty("items").EnumerateArray().ToList();
        items.Select(i => i.GetProperty("id").GetGuid()).Should().Equal(second, first);
        items.Select(i => (i.GetProperty("name").GetString(), i.GetProperty("total").GetInt32(), i.GetProperty("done").GetInt32(), i.GetProperty("state").GetString()))
            .Should().Equal(("second", 2, 2, "done"), ("1 photos", 1, 1, "done"));
    }

    [Test]
    public async Task Another_users_album_answers_like_a_missing_one()
    {
        var server = await ApiServers.Shared;
        var (owner, stranger) = (await server.SignUpAsync("owner"), await server.SignUpAsync("stranger"));
        var id = (await (await owner.UploadAlbumAsync(("mine.png", TestPhotos.GrayPng(16, 16, seed: 80)))).JsonAsync(HttpStatusCode.Accepted))
            .GetProperty("album").GetProperty("id").GetGuid();
        await owner.FinishedAlbumAsync(id);

        foreach (var (method, route) in new[] { ("GET", "/albums/{0}"), ("GET", "/albums/{0}/download"), ("DELETE", "/albums/{0}") })
        {
            using var foreign = await stranger.SendAsync(new HttpMethod(method), string.Format(route, id.ToString("D")));
            using var missing = await stranger.SendAsync(new HttpMethod(method), string.Format(route, Guid.NewGuid().ToString("D")));
            (await foreign.ProblemAsync(HttpStatusCode.NotFound)).WithoutTraceId().Should().Be((await missing.ProblemAsync(HttpStatusCode.NotFound)).WithoutTraceId());
        }
        (await (await stranger.GetAsync("/albums")).JsonAsync(HttpStatusCode.OK)).GetProperty("total").GetInt64().Should().Be(0);
        (await owner.GetAsync($"/albums/{id:D}")).StatusCode.Should().Be(HttpStatusCode.OK, "the stranger's delete did nothing");
    }

    [Test]
    public async Task Deleting_an_album_keeps_its_photos_in_the_history()
    {
        var server = await ApiServers.Shared;
        var user = await server.SignUpAsync();
        var id = (await (await user.UploadAlbumAsync(("kept.png", TestPhotos.GrayPng(16, 16, seed: 90)))).JsonAsync(HttpStatusCode.Accepted))
            .GetProperty("album").GetProperty("id").GetGuid();
        await user.FinishedAlbumAsync(id);

        (await user.DeleteAsync($"/albums/{id:D}")).StatusCode.Should().Be(HttpStatusCode.NoContent);

        await (await user.GetAsync($"/albums/{id:D}")).ProblemAsync(HttpStatusCode.NotFound);
        (await (await user.GetAsync("/user_imgs")).JsonAsync(HttpStatusCode.OK)).GetProperty("total").GetInt64().Should().Be(1);
    }
}
