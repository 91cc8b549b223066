using System.Net;
using ColorPix.Core.Data;
using ColorPix.Core.Imaging;
using ColorPix.Tests.Api.Infrastructure;
using ColorPix.Tests.Storage.Servers;

namespace ColorPix.Tests.Monitoring;

/// <summary>Drift "by deliberate insertion" (the specification's words): uploads drawn like the training photos
/// raise nothing; a window of much darker, noisier uploads names the drifting features, moves the metrics and mails
/// the table to a real SMTP server.</summary>
public class DriftTests
{
    [Test]
    public async Task Uploads_like_the_training_photos_pass_and_dark_noisy_ones_are_a_major_drift_mailed_with_its_table()
    {
        using var sink = await SmtpSink.StartAsync();
        var settings = sink.MailSettings();
        foreach (var (key, value) in new Dictionary<string, string?>
                 { ["Drift:Reference"] = "sample", ["Drift:Window"] = "12", ["Drift:MinWindow"] = "10", ["Limits:RequestsPerMinute"] = "100000" })
            settings[key] = value;
        await using var server = await ApiServer.StartAsync(settings);
        var admin = await server.AdminAsync();
        var user = await server.SignUpAsync();
        var photos = TrainPhotos().Take(12).ToList();

        await (await admin.PostAsync("/drift/check")).ProblemAsync(HttpStatusCode.Conflict); // no upload yet
        foreach (var photo in photos) await user.UploadedAsync(photo);
        var like = await (await admin.PostAsync("/drift/check")).JsonAsync(HttpStatusCode.OK);
        foreach (var photo in photos) await user.UploadedAsync(DarkAndNoisy(photo));
        var shifted = await (await admin.PostAsync("/drift/check")).JsonAsync(HttpStatusCode.OK);

        like.GetProperty("major").GetBoolean().Should().BeFalse(like.ToString());
        shifted.GetProperty("major").GetBoolean().Should().BeTrue(shifted.ToString());
        var brightness = shifted.GetProperty("features").EnumerateArray().Single(f => f.GetProperty("feature").GetString() == "brightness");
        brightness.GetProperty("psi").GetDouble().Should().BeGreaterThan(0.25);
        brightness.GetProperty("window_mean").GetDouble().Should().BeLessThan(brightness.GetProperty("reference_mean").GetDouble() / 2);
        var mail = await sink.WaitForMessageAsync("Subject: [ColorPix] major drift in uploads:");
        TestContext.Out.WriteLine(mail); // the alert as an administrator reads it
        mail.Should().Contain("brightness").And.Contain("MAJOR").And.Contain("The newest 12 uploads against the train photos of 'sample'");
        var scrape = await Scrape.OfAsync(server);
        scrape.Value("colorpix_drift_psi", "feature=brightness").Should().Be(brightness.GetProperty("psi").GetDouble());
        scrape.Value("colorpix_drift_checks_total", "outcome=major").Should().Be(1);
        scrape.Value("colorpix_alerts_total", "kind=drift").Should().Be(1);
        (await (await admin.GetAsync("/drift")).JsonAsync(HttpStatusCode.OK)).GetArrayLength().Should().Be(2, "each check is kept");
    }

    private static IEnumerable<byte[]> TrainPhotos()
    {
        var sample = LoadedDataset.Open("sample", RepoPaths.FindRoot(AppContext.BaseDirectory));
        return sample.Manifest.Entries.Where(e => e.Split == Split.Train).Select(e => File.ReadAllBytes(Path.Combine(sample.Root, e.Path)));
    }

    /// <summary>The photo at a quarter of its brightness, with strong sensor-like noise: a badly exposed scan.</summary>
    private static byte[] DarkAndNoisy(byte[] photo)
    {
        using var image = Image.Decode(photo, new ImageDecodeOptions { MinSide = 256 });
        var pixels = image.CopyPixels();
        var random = new Random(7);
        for (var i = 0; i < pixels.Length; i++) pixels[i] = (byte)Math.Clamp(pixels[i] / 4 + random.Next(-25, 26), 0, 255);
        using var dark = Image.FromPixels(pixels, image.Width, image.Height, channels: 3);
        return dark.Encode();
    }
}
