using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ColorPix.Tests.WebApp;

/// <summary>Consent to training as the history shows it: shared at upload, withdrawn from the keyboard, kept by the service.</summary>
public sealed class ConsentHistoryTests : BrowserTest
{
    [Test]
    public async Task A_photo_shared_at_upload_shows_as_shared_and_stays_withdrawn_once_withdrawn()
    {
        var page = await OpenAsync();
        await WebPages.SignUpAsync(page, "consenting-carol");
        await page.GetByLabel("Allow ColorPix to use this photo to improve its models").CheckAsync();
        await WebPages.UploadAsync(page, WebPages.Photo);
        await WebPages.WaitForResultsAsync(page, 2);

        await page.GetByRole(AriaRole.Link, new() { Name = "History" }).ClickAsync();
        var card = page.Locator(".photo-card").First;
        var share = card.GetByRole(AriaRole.Checkbox, new() { Name = "Use for training" });
        await Expect(card).ToContainTextAsync("Shared for training");
        await Expect(share).ToBeCheckedAsync();
        await WebPages.ScreenshotAsync(page, "history-consent");

        await share.FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Withdrawn" })).ToContainTextAsync("will not be used for training");
        await page.ReloadAsync();
        await Expect(card).ToContainTextAsync("Not shared for training");
        await Expect(share).Not.ToBeCheckedAsync();

        await share.CheckAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "may now be used" })).ToBeVisibleAsync();
        await page.ReloadAsync();
        await Expect(share).ToBeCheckedAsync();
        await Expect(card).ToContainTextAsync("Shared for training");
    }
}
