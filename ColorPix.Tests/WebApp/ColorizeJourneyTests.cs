using System.Text.RegularExpressions;
using ColorPix.Core.Imaging;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ColorPix.Tests.WebApp;

/// <summary>The app's main path in a real browser: sign up, log in, upload, compare, download, rate, history, preferences.</summary>
public sealed class ColorizeJourneyTests : BrowserTest
{
    [Test]
    public async Task A_person_signs_up_colorizes_compares_downloads_rates_and_finds_the_photo_in_history()
    {
        var page = await OpenAsync();
        await WebPages.SignUpAsync(page, "alice");
        await page.GetByRole(AriaRole.Button, new() { Name = "Log out alice" }).ClickAsync();
        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Log in" }).ClickAsync();
        await WebPages.LogInAsync(page, "alice");
        await page.GetByLabel("Allow ColorPix to use this photo to improve its models").FocusAsync();
        await page.Keyboard.PressAsync("Shift+Tab");
        await Expect(page.Locator("#photo")).ToBeFocusedAsync();
        await WebPages.ScreenshotAsync(page, "colorize-empty");

        await WebPages.UploadAsync(page, WebPages.Photo);
        await WebPages.WaitForResultsAsync(page, 2);
        var autoEncoder = page.Locator(".result[data-model=autoencoder]");
        var pix2pix = page.Locator(".result[data-model=pix2pix]");
        await Expect(autoEncoder.GetByRole(AriaRole.Img, new() { Name = "Colorized by AutoEncoder" })).ToBeVisibleAsync();
        await Expect(pix2pix.GetByRole(AriaRole.Img, new() { Name = "Colorized by Pix2Pix" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Img, new() { Name = "Your original photo" })).ToBeVisibleAsync();

        var slider = pix2pix.GetByRole(AriaRole.Slider);
        await slider.FocusAsync();
        await page.Keyboard.PressAsync("Home");
        await Expect(pix2pix.Locator(".compare")).ToHaveAttributeAsync("style", new Regex(@"--split:\s*0%"));
        await page.Keyboard.PressAsync("End");
        await Expect(pix2pix.Locator(".compare")).ToHaveAttributeAsync("style", new Regex(@"--split:\s*100%"));
        await Expect(slider).ToHaveValueAsync("100");

        var (width, height) = Size(await File.ReadAllBytesAsync(WebPages.Photo));
        foreach (var (button, extension) in new[] { ("Download PNG", ".pix2pix.png"), ("Download JPEG", ".pix2pix.jpg") })
        {
            var download = await page.RunAndWaitForDownloadAsync(() => pix2pix.GetByRole(AriaRole.Button, new() { Name = button }).ClickAsync());
            download.SuggestedFilename.Should().EndWith(extension);
            Size(await File.ReadAllBytesAsync(await download.PathAsync())).Should().Be((width, height), $"{button} gives the photo at its own size");
        }

        await autoEncoder.Locator("label[title='4 out of 5']").ClickAsync();
        await Expect(autoEncoder.GetByRole(AriaRole.Status).Filter(new() { HasText = "Thank you" }))
            .ToHaveTextAsync("Thank you: AutoEncoder rated 4 out of 5.");
        await pix2pix.GetByRole(AriaRole.Slider).FillAsync("50");
        await WebPages.ScreenshotAsync(page, "colorize-results");

        await page.GetByRole(AriaRole.Link, new() { Name = "History" }).ClickAsync();
        var cards = page.Locator(".photo-card");
        await Expect(cards).ToHaveCountAsync(1);
        await Expect(cards.First).ToContainTextAsync("451×300 · AutoEncoder and Pix2Pix");
        await Expect(page.Locator("#view")).Not.ToContainTextAsync("null");
        await WebPages.ScreenshotAsync(page, "history");

        await cards.First.GetByRole(AriaRole.Link, new() { Name = "Open" }).ClickAsync();
        await WebPages.WaitForResultsAsync(page, 2);
        await Expect(autoEncoder.Locator(".stars label.on")).ToHaveCountAsync(4);
        await Expect(autoEncoder.GetByRole(AriaRole.Radio, new() { Name = "4 out of 5" })).ToBeCheckedAsync();

        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "History" }).ClickAsync();
        await cards.First.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Expect(page.GetByText("No photos yet.")).ToBeVisibleAsync();
    }

    [Test]
    public async Task With_a_preferred_model_only_that_models_result_appears_for_a_new_upload()
    {
        var page = await OpenAsync();
        await WebPages.SignUpAsync(page, "bob");
        await page.GetByRole(AriaRole.Link, new() { Name = "Settings" }).ClickAsync();
        await page.GetByLabel("Pix2Pix").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save preferences" }).ClickAsync();
        await Expect(page.GetByText("Preferences saved.")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete my account…" }).ClickAsync();
        await WebPages.ScreenshotAsync(page, "settings");

        await page.GetByRole(AriaRole.Link, new() { Name = "Colorize" }).ClickAsync();
        // A real drop event carrying a file, as a person dragging a photo from their desktop makes.
        await page.EvaluateAsync("""
            async () => {
              const photo = await (await fetch('examples/seeding.gray.jpg')).blob();
              const files = new DataTransfer();
              files.items.add(new File([photo], 'dropped.jpg', { type: 'image/jpeg' }));
              document.querySelector('.drop').dispatchEvent(new DragEvent('drop', { dataTransfer: files, bubbles: true, cancelable: true }));
            }
            """);
        await Expect(page.GetByText("Selected: dropped.jpg")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Colorize", Exact = true }).ClickAsync();
        await WebPages.WaitForResultsAsync(page, 1);
        await Expect(page.Locator(".result[data-model=pix2pix]")).ToHaveCountAsync(1);
        await Expect(page.Locator(".result[data-model=autoencoder]")).ToHaveCountAsync(0);
    }

    [Test]
    public async Task Deleting_the_account_needs_the_username_typed_and_then_the_account_is_gone()
    {
        var page = await OpenAsync();
        await WebPages.SignUpAsync(page, "henry");
        await page.GetByRole(AriaRole.Link, new() { Name = "Settings" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete my account…" }).ClickAsync();
        var confirmation = page.GetByLabel("Type your username (henry) to confirm");
        await Expect(confirmation).ToBeFocusedAsync();
        await confirmation.FillAsync("someone-else");
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete my account for good" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "not your username" })).ToBeVisibleAsync();

        await confirmation.FillAsync("henry");
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete my account for good" }).ClickAsync();
        await Expect(page.GetByText("Your account and its photos were deleted.")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Log in" }).ClickAsync();
        await page.GetByLabel("Username").FillAsync("henry");
        await page.GetByLabel("Password").FillAsync(WebPages.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Wrong username or password.");
    }

    private static (int Width, int Height) Size(byte[] encoded)
    {
        using var image = Image.Decode(encoded);
        return (image.Width, image.Height);
    }
}
