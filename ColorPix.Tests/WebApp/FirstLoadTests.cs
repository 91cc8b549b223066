using System.Net;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ColorPix.Tests.WebApp;

/// <summary>The front door: GET / sends browsers to the app and API clients JSON; the first load is small and
/// every byte of it comes from this server.</summary>
public sealed class FirstLoadTests : BrowserTest
{
    private const long MaxPageBytes = 100 * 1024;

    [Test]
    public async Task Root_redirects_a_browser_to_the_app_and_answers_json_to_api_clients()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(WebAppServer.BaseUrl) };
        using var page = new HttpRequestMessage(HttpMethod.Get, "/");
        page.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,*/*;q=0.8");
        using var redirect = await http.SendAsync(page);
        redirect.StatusCode.Should().Be(HttpStatusCode.Redirect);
        redirect.Headers.Location!.ToString().Should().Be("/app/");

        using var json = await http.GetAsync("/");
        json.StatusCode.Should().Be(HttpStatusCode.OK);
        (await json.Content.ReadAsStringAsync()).Should().Contain("\"status\":\"ok\"");

        using var app = await http.GetAsync("/app/");
        app.StatusCode.Should().Be(HttpStatusCode.OK);
        app.Headers.GetValues("Content-Security-Policy").Single().Should().Contain("default-src 'self'");
    }

    [Test]
    public async Task The_home_page_loads_from_this_server_alone_in_under_100_KB_of_html_css_and_script()
    {
        var page = await OpenAsync();
        var responses = new List<IResponse>();
        page.Response += (_, response) => responses.Add(response);
        await page.GotoAsync("/", new() { WaitUntil = WaitUntilState.NetworkIdle });

        page.Url.Should().Be($"{WebAppServer.BaseUrl}/app/");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Bring black-and-white photos to life" })).ToBeVisibleAsync();
        await Expect(page.Locator(".example .compare")).ToHaveCountAsync(4);
        responses.Should().OnlyContain(r => r.Url.StartsWith(WebAppServer.BaseUrl), "no CDN, no other origin");
        long bytes = 0;
        foreach (var response in responses.Where(r => r.Status < 300 && r.Request.ResourceType is "document" or "script" or "stylesheet"))
            bytes += (await response.BodyAsync()).Length;
        TestContext.Out.WriteLine($"first load: {bytes:N0} bytes of HTML, CSS and JS; {responses.Count} responses in all, example photos included");
        bytes.Should().BeInRange(10_000, MaxPageBytes);
        await WebPages.ScreenshotAsync(page, "home");
    }

    [Test]
    public async Task The_sign_up_and_log_in_views_are_labelled_forms()
    {
        var page = await OpenAsync();
        await page.GotoAsync("/app/#/signup");
        await Expect(page.GetByLabel("Repeat the password")).ToBeVisibleAsync();
        await WebPages.ScreenshotAsync(page, "signup");
        await page.GotoAsync("/app/#/login");
        await Expect(page.GetByLabel("Password")).ToHaveAttributeAsync("type", "password");
        await WebPages.ScreenshotAsync(page, "login");
    }
}
