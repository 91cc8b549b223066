using System.Text.RegularExpressions;
using ColorPix.Core.Data;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ColorPix.Tests.WebApp;

/// <summary>What the browser tests do as a person would: open the app, sign up, log in, and take screenshots at a
/// desktop and a phone size, attached to the test.</summary>
public static class WebPages
{
    public const string Password = "correct-horse-battery";
    public static readonly ViewportSize Desktop = new() { Width = 1280, Height = 800 };
    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    /// <summary>A real photo of the repository's samples (451x300, in color: the service colorizes it from its lightness).</summary>
    public static string Photo => Path.Combine(RepoPaths.SampleFolder(RepoPaths.FindRoot()), "skimage", "chelsea.jpg");

    /// <summary>A fresh browser context (its own sessionStorage); script errors are collected in <paramref name="scriptErrors"/>.</summary>
    public static async Task<IPage> OpenAsync(List<string> scriptErrors)
    {
        var context = await WebAppServer.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = WebAppServer.BaseUrl,
            ViewportSize = Desktop,
            AcceptDownloads = true,
        });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        page.PageError += (_, error) => scriptErrors.Add(error);
        // The browser logs every refused request ("Failed to load resource: ... 403"): the app expects those, scripts failing it does not.
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal)) scriptErrors.Add(message.Text);
        };
        return page;
    }

    public static async Task SignUpAsync(IPage page, string username)
    {
        await page.GotoAsync("/app/#/signup");
        await page.GetByLabel("Username").FillAsync(username);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(Password);
        await page.GetByLabel("Repeat the password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign up" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Colorize a photo" })).ToBeVisibleAsync();
    }

    /// <summary>Fills the log-in view the page is on and submits it.</summary>
    public static async Task LogInAsync(IPage page, string username, string password = Password)
    {
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Log in" })).ToBeVisibleAsync();
        await page.GetByLabel("Username").FillAsync(username);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = $"Log out {username}" })).ToBeVisibleAsync();
    }

    public static async Task UploadAsync(IPage page, string path)
    {
        await page.Locator("#photo").SetInputFilesAsync(path);
        await Expect(page.GetByText($"Selected: {Path.GetFileName(path)}")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Colorize", Exact = true }).ClickAsync();
    }

    public static async Task WaitForResultsAsync(IPage page, int count)
    {
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasTextRegex = new Regex("^Done: ") }))
            .ToHaveTextAsync(count == 1 ? "Done: one result below." : $"Done: {count} results below.", new() { Timeout = 120_000 });
        await Expect(page.Locator(".progress")).ToBeHiddenAsync();
    }

    /// <summary>Full-page screenshots at 1280x800 and 390x844, saved under the test output folder and attached.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        foreach (var (label, size) in new[] { ("desktop", Desktop), ("phone", Phone) })
        {
            await page.SetViewportSizeAsync(size.Width, size.Height);
            await page.WaitForFunctionAsync("() => [...document.images].every(i => i.complete)");
            var path = Path.Combine(TestContext.CurrentContext.TestDirectory, "screenshots", $"{name}.{label}.png");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
            TestContext.AddTestAttachment(path, $"{name} at {size.Width}x{size.Height}");
        }
        await page.SetViewportSizeAsync(Desktop.Width, Desktop.Height);
    }
}
