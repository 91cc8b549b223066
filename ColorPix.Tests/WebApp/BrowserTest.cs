using Microsoft.Playwright;

namespace ColorPix.Tests.WebApp;

/// <summary>A test in the browser: each page it opens reports script errors, and any of them fails the test.</summary>
[NonParallelizable]
public abstract class BrowserTest
{
    private readonly List<string> _scriptErrors = [];
    private readonly List<IPage> _pages = [];

    [SetUp]
    public void ForgetScriptErrors() => _scriptErrors.Clear();

    [TearDown]
    public async Task CloseAndCheckScriptErrors()
    {
        foreach (var page in _pages) await page.Context.CloseAsync();
        _pages.Clear();
        _scriptErrors.Should().BeEmpty("the app must run without script errors");
    }

    protected async Task<IPage> OpenAsync()
    {
        var page = await WebPages.OpenAsync(_scriptErrors);
        _pages.Add(page);
        return page;
    }
}
