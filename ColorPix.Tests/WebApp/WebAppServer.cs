using ColorPix.Core.Checkpoints;
using ColorPix.Core.Models;
using ColorPix.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Playwright;

namespace ColorPix.Tests.WebApp;

/// <summary>One real `colorpix serve` on a loopback port (temp SQLite, temp object folder, tiny untrained checkpoints)
/// and one headless Debian Chromium, shared by the browser tests of this namespace.</summary>
[SetUpFixture]
public sealed class WebAppServer
{
    public const string AdminPassword = "admin-password-for-tests";
    public static string BaseUrl { get; private set; } = "";
    public static IBrowser Browser { get; private set; } = null!;

    private static readonly string[] ChromiumArgs =
        ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    private string _folder = "";
    private static WebApplication? _app;

    /// <summary>A service of the running app, to set up what a page shows (e.g. a second registered model version).</summary>
    public static T Service<T>() where T : notnull => Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<T>(_app!.Services);

    /// <summary>The server's temp folder, for files a test writes.</summary>
    public static string Folder { get; private set; } = "";
    private IPlaywright? _playwright;

    [OneTimeSetUp]
    public async Task Start()
    {
        _folder = Folder = Directory.CreateTempSubdirectory("colorpix-web-").FullName;
        var autoEncoder = Path.Combine(_folder, "autoencoder.safetensors");
        var pix2pix = Path.Combine(_folder, "pix2pix.safetensors");
        using (var model = ColorizationModel.CreateAutoEncoder(new AutoEncoderConfig(0.125), 64)) ModelCheckpoint.Save(autoEncoder, model);
        using (var model = ColorizationModel.CreatePix2Pix(new Pix2PixConfig(128, Ngf: 8))) ModelCheckpoint.Save(pix2pix, model);

        _app = ColorPixApp.Build([], new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["Database:Provider"] = "sqlite",
            ["Database:SqlitePath"] = Path.Combine(_folder, "colorpix.db"),
            ["ObjectStorage:Provider"] = "local",
            ["ObjectStorage:LocalPath"] = Path.Combine(_folder, "objects"),
            ["Auth:AdminPassword"] = AdminPassword,
            ["Auth:SigningKey"] = "a-signing-key-for-the-browser-tests-only-0123456789",
            ["Models:AutoEncoder"] = autoEncoder,
            ["Models:Pix2Pix"] = pix2pix,
            ["Registry:CacheDirectory"] = Path.Combine(_folder, "model-cache"),
            ["Registry:Mlruns"] = Path.Combine(_folder, "mlruns"),
            ["Selection:Enabled"] = "false",
            ["Report:Enabled"] = "false",
            ["Drift:Enabled"] = "false",
            // Every test signs up and logs in from 127.0.0.1: the per-address sign-in limit is not what they test.
            ["Limits:LoginPerMinute"] = "1000",
        });
        await _app.StartAsync();
        BaseUrl = _app.Urls.Single().TrimEnd('/');

        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        if (_app is not null) await _app.DisposeAsync();
        if (_folder.Length > 0) Directory.Delete(_folder, recursive: true);
    }
}
