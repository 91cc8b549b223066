using System.Text.RegularExpressions;
using ColorPix.Tests.Api.Lifecycle;
using ColorPix.Training.Registry;
using ColorPix.Web.Lifecycle;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ColorPix.Tests.WebApp;

/// <summary>The admin pages for administrators only, and errors a person can act on: a file that is no image,
/// an expired session that returns to where the person was with nothing lost.</summary>
public sealed class AdminAndErrorTests : BrowserTest
{
    private static string NotAnImage => Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", "images", "not_an_image.txt");

    [Test]
    public async Task Admin_pages_show_users_models_and_status_to_an_admin_and_are_refused_to_a_user()
    {
        var page = await OpenAsync();
        await WebPages.SignUpAsync(page, "carol");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Admin" })).ToHaveCountAsync(0);
        var apiStatus = await page.EvaluateAsync<int>(
            "async () => (await fetch('/show_users', { headers: { Authorization: 'Bearer ' + sessionStorage.getItem('colorpix.token') } })).status");
        apiStatus.Should().Be(403);
        await page.GotoAsync("/app/#/admin");
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("This page is for administrators only.");
        await Expect(page.Locator("table")).ToHaveCountAsync(0);

        var admin = await OpenAsync();
        await admin.GotoAsync("/app/#/login");
        await WebPages.LogInAsync(admin, "admin", WebAppServer.AdminPassword);
        await admin.GetByRole(AriaRole.Link, new() { Name = "Admin" }).ClickAsync();
        var users = admin.GetByRole(AriaRole.Table, new() { Name = "Accounts, administrators excluded" });
        await Expect(users).ToContainTextAsync("carol");
        var models = admin.GetByRole(AriaRole.Table, new() { Name = "Registered models, metrics and ratings" });
        var champions = models.GetByRole(AriaRole.Row).Filter(new() { HasText = "champion" });
        await Expect(champions).ToHaveCountAsync(2);
        await Expect(champions.Nth(0)).ToContainTextAsync("AutoEncoder");
        await Expect(champions.Nth(1)).ToContainTextAsync("Pix2Pix");
        await Expect(admin.GetByRole(AriaRole.Table, new() { Name = "Inference queues" }).GetByRole(AriaRole.Row)).ToHaveCountAsync(3);
        await WebPages.ScreenshotAsync(admin, "admin");
    }

    [Test]
    public async Task An_admin_promotes_a_version_and_rolls_it_back_each_after_confirming()
    {
        var second = (await WebAppServer.Service<ModelVersions>().RegisterAsync(
            LifecycleCheckpoints.AutoEncoder(WebAppServer.Folder, $"second-{Guid.NewGuid():N}", 0.05f, seed: Environment.TickCount),
            new RegistrationDetails(TrainingLineage.Unknown), CancellationToken.None)).Version;
        var admin = await OpenAsync();
        await admin.GotoAsync("/app/#/login");
        await WebPages.LogInAsync(admin, "admin", WebAppServer.AdminPassword);
        await admin.GetByRole(AriaRole.Link, new() { Name = "Admin" }).ClickAsync();
        var questions = new List<string>();
        admin.Dialog += async (_, dialog) =>
        {
            questions.Add(dialog.Message);
            await dialog.AcceptAsync();
        };

        await admin.GetByRole(AriaRole.Button, new() { Name = $"Promote AutoEncoder {second}" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Status).Filter(new() { HasText = "Promoted:" })).ToBeVisibleAsync();
        var models = admin.GetByRole(AriaRole.Table, new() { Name = "Registered models, metrics and ratings" });
        await Expect(models.GetByRole(AriaRole.Row).Filter(new() { HasText = second })).ToContainTextAsync("champion");
        await Expect(admin.GetByRole(AriaRole.Table, new() { Name = "Inference queues" })).ToContainTextAsync(second);
        await WebPages.ScreenshotAsync(admin, "admin-promoted");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Roll back AutoEncoder" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Status).Filter(new() { HasText = "Rolled back:" })).ToBeVisibleAsync();

        await Expect(models.GetByRole(AriaRole.Row).Filter(new() { HasText = second })).ToContainTextAsync("retired");
        await Expect(admin.GetByRole(AriaRole.Table, new() { Name = "Promotion decisions, newest first" }).GetByRole(AriaRole.Row).Nth(1))
            .ToContainTextAsync("rollback");
        questions.Should().HaveCount(2);
        questions[0].Should().Contain($"Make {second} the AutoEncoder champion?");
    }

    [Test]
    public async Task A_file_that_is_not_an_image_shows_the_services_explanation()
    {
        var page = await OpenAsync();
        await WebPages.SignUpAsync(page, "dave");
        await WebPages.UploadAsync(page, NotAnImage);
        var alert = page.GetByRole(AriaRole.Alert).Filter(new() { HasTextRegex = new Regex("image", RegexOptions.IgnoreCase) });
        await Expect(alert).ToBeVisibleAsync();
        var detail = await page.EvaluateAsync<string>(
            "async () => { const f = new FormData(); f.append('file', new Blob(['plain text, no picture']), 'x.txt');" +
            " const r = await fetch('/upload_img2colorize', { method: 'POST', body: f, headers: { Authorization: 'Bearer ' + sessionStorage.getItem('colorpix.token') } });" +
            " return (await r.json()).detail; }");
        var shown = await alert.TextContentAsync();
        shown!.ToLowerInvariant().Should().Contain(detail.TrimEnd('.').ToLowerInvariant(), "the app shows the API's ProblemDetails detail");
        await WebPages.ScreenshotAsync(page, "colorize-error");
    }

    [Test]
    public async Task An_expired_session_logs_in_again_and_returns_with_the_chosen_photo_still_selected()
    {
        var page = await OpenAsync();
        await WebPages.SignUpAsync(page, "erin");
        await page.Locator("#photo").SetInputFilesAsync(WebPages.Photo);
        await page.EvaluateAsync("() => sessionStorage.setItem('colorpix.token', 'an-expired-token')");
        await page.GetByRole(AriaRole.Button, new() { Name = "Colorize", Exact = true }).ClickAsync();

        await Expect(page.GetByText("Your session has expired. Log in again to continue where you were.")).ToBeVisibleAsync();
        await WebPages.ScreenshotAsync(page, "login-expired");
        await WebPages.LogInAsync(page, "erin");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Colorize a photo" })).ToBeVisibleAsync();
        await Expect(page.GetByText("Selected: chelsea.jpg")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Colorize", Exact = true }).ClickAsync();
        await WebPages.WaitForResultsAsync(page, 2);
    }

    [Test]
    public async Task A_request_for_a_page_that_needs_an_account_logs_in_first_then_goes_there()
    {
        var page = await OpenAsync();
        await WebPages.SignUpAsync(page, "frank");
        await page.GetByRole(AriaRole.Button, new() { Name = "Log out frank" }).ClickAsync();
        await page.GotoAsync("/app/#/history");
        await WebPages.LogInAsync(page, "frank");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your photos" })).ToBeVisibleAsync();
    }

    [Test]
    public async Task A_rate_limit_tells_the_person_how_long_to_wait()
    {
        var page = await OpenAsync();
        await WebPages.SignUpAsync(page, "gina");
        // The service's own 429 (as RateLimits writes it), without waiting out a real limit in a shared server.
        await page.RouteAsync("**/user_imgs?*", route => route.FulfillAsync(new RouteFulfillOptions
        {
            Status = 429,
            Headers = new Dictionary<string, string> { ["Retry-After"] = "17", ["Content-Type"] = "application/problem+json" },
            Body = """{"status":429,"title":"Too many requests","detail":"try again in 17 s"}""",
        }));
        await page.GetByRole(AriaRole.Link, new() { Name = "History" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Too many requests: try again in 17 s.");
    }
}
