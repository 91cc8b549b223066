using System.IO.Compression;
using ColorPix.Tests.Api.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ColorPix.Tests.WebApp;

/// <summary>Albums in a real browser: a ZIP or several photos at once, the batch's progress bar until done, what was not
/// colorized and why, and every result in one ZIP download.</summary>
public sealed class AlbumJourneyTests : BrowserTest
{
    [Test]
    public async Task A_person_uploads_a_zip_album_follows_its_progress_and_downloads_every_result_at_once()
    {
        var zip = Path.Combine(WebAppServer.Folder, "summer.zip");
        await File.WriteAllBytesAsync(zip, TestZips.Of(
            ("summer/lake.png", TestPhotos.GrayPng(120, 80, seed: 1)), ("summer/dock.png", TestPhotos.GrayPng(80, 120, seed: 2)),
            ("summer/hills.png", TestPhotos.GrayPng(100, 100, seed: 3)), ("summer/notes.txt", "not a photo"u8.ToArray()),
            ("__MACOSX/summer/._lake.png", [0, 5, 22, 7])));
        var page = await OpenAsync();
        await WebPages.SignUpAsync(page, "ada");
        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Albums" }).ClickAsync();
        await Expect(page.GetByText("No albums yet.")).ToBeVisibleAsync();
        await WebPages.ScreenshotAsync(page, "albums-empty");

        await page.Locator("#album-files").SetInputFilesAsync(zip);
        await Expect(page.GetByText("Selected: summer.zip")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload album" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "summer" })).ToBeVisibleAsync();
        await Expect(page.Locator("#album-progress")).ToHaveTextAsync("3 of 3 photos colorized", new() { Timeout = 120_000 });
        await Expect(page.Locator(".album-progress progress")).ToHaveJSPropertyAsync("value", 3);
        await Expect(page.Locator(".album-photos .photo-card[data-status=done]")).ToHaveCountAsync(3);
        await Expect(page.Locator(".album-others")).ToContainTextAsync("summer/notes.txt · Refused: Unsupported image");
        await Expect(page.Locator(".album-others")).ToContainTextAsync("__MACOSX/summer/._lake.png · Skipped");
        await WebPages.ScreenshotAsync(page, "album-done");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Download all (ZIP)" }).ClickAsync());
        download.SuggestedFilename.Should().Be("summer.colorized.zip");
        var entries = TestZips.Read(await File.ReadAllBytesAsync(await download.PathAsync()));
        entries.Keys.Should().BeEquivalentTo(new[] { "lake", "dock", "hills" }.SelectMany(n => new[] { $"{n}.autoencoder.png", $"{n}.pix2pix.png" }));
        TestPhotos.SizeOf(entries["dock.pix2pix.png"]).Should().Be((80, 120));
    }

    [Test]
    public async Task Several_photos_chosen_at_once_become_one_album_listed_with_its_progress()
    {
        var files = Enumerable.Range(1, 2).Select(i =>
        {
            var path = Path.Combine(WebAppServer.Folder, $"scan-{i}.png");
            File.WriteAllBytes(path, TestPhotos.GrayPng(64, 48, seed: 10 + i));
            return path;
        }).ToArray();
        var page = await OpenAsync();
        await WebPages.SignUpAsync(page, "grace");
        await page.GotoAsync("/app/#/albums");

        await page.Locator("#album-files").SetInputFilesAsync(files);
        await Expect(page.GetByText("Selected: 2 files")).ToBeVisibleAsync();
        await page.GetByLabel("Album name (optional)").FillAsync("Grandma's scans");
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload album" }).ClickAsync();
        await Expect(page.Locator("#album-progress")).ToHaveTextAsync("2 of 2 photos colorized", new() { Timeout = 120_000 });
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Download all (ZIP)" })).ToBeEnabledAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "← All albums" }).ClickAsync();
        await Expect(page.Locator(".album-card")).ToHaveCountAsync(1);
        await Expect(page.Locator(".album-card")).ToContainTextAsync("Grandma's scans");
        await Expect(page.Locator(".album-card")).ToContainTextAsync("2 of 2 photos colorized");
        await WebPages.ScreenshotAsync(page, "albums-list");
    }
}
