using System.Net;
using ColorPix.Tests.Api.Infrastructure;
using ColorPix.Tests.Storage.Servers;
using ColorPix.Training.Registry;
using ColorPix.Web.Lifecycle;
using ColorPix.Web.Storage.Objects;
using static ColorPix.Tests.Api.Lifecycle.ModelLifecycleTests;

namespace ColorPix.Tests.Api.Lifecycle;

/// <summary>Alerts mailed to a real SMTP server (aiosmtpd), only logged without one, and retried when it fails.</summary>
public class AlertMailTests : LifecycleTest
{
    [Test]
    public async Task A_refused_promotion_is_mailed_to_the_administrators_with_its_reason()
    {
        using var sink = await SmtpSink.StartAsync();
        await using var server = await ApiServer.StartAsync(sink.MailSettings());
        var broken = await RegisterAsync(server, "broken", 0.2f);
        await server.Service<IObjectStore>().PutAsync(broken.CheckpointKey!, LifecycleCheckpoints.Garbage, "application/octet-stream", CancellationToken.None);

        await (await (await server.AdminAsync()).PostAsync($"/models/autoencoder/{broken.Version}/promote")).ProblemAsync((HttpStatusCode)422);
        var mail = await sink.WaitForMessageAsync($"Subject: [ColorPix] autoencoder {broken.Version} was refused");

        mail.Should().Contain("To: admin@colorpix.test").And.Contain("Outcome: refused").And.Contain("SHA-256");
        var alerts = await (await (await server.AdminAsync()).GetAsync("/alerts")).JsonAsync(HttpStatusCode.OK);
        await Eventually.UntilAsync(async () => (await AlertsAsync(server))[0].GetProperty("status").GetString() == "sent", "the alert is marked sent");
        alerts[0].GetProperty("kind").GetString().Should().Be("promotion-refused");
    }

    [Test]
    public async Task A_champion_scoring_below_gray_in_the_scheduled_evaluation_is_mailed_with_its_numbers()
    {
        using var sink = await SmtpSink.StartAsync();
        var settings = sink.MailSettings();
        settings["Models:AutoEncoder"] = LifecycleCheckpoints.AutoEncoder(Folder, "saturated", LifecycleCheckpoints.Saturated);
        (settings["Selection:Data"], settings["Selection:Split"]) = ("sample", "test");
        await using var server = await ApiServer.StartAsync(settings);
        var champion = await ServedVersionAsync(server);

        (await (await server.AdminAsync()).PostAsync("/models/select")).StatusCode.Should().Be(HttpStatusCode.OK);
        var mail = await sink.WaitForMessageAsync($"Subject: [ColorPix] autoencoder champion {champion} scores -");

        mail.Should().Contain("threshold: +0.00 points over gray").And.Contain("Evaluated on: sample/test (6 photos)").And.Contain("(gray baseline 87.");
    }

    [Test]
    public async Task Without_mail_settings_an_alert_is_logged_and_shown_and_the_promotion_stands()
    {
        await using var server = await ApiServer.StartAsync();
        var second = await RegisterAsync(server, "second", 0.1f);

        (await (await server.AdminAsync()).PostAsync($"/models/autoencoder/{second.Version}/promote")).StatusCode.Should().Be(HttpStatusCode.OK);

        var alert = (await AlertsAsync(server))[0];
        (alert.GetProperty("kind").GetString(), alert.GetProperty("status").GetString()).Should().Be(("promotion", "logged"));
        alert.GetProperty("body").GetString().Should().Contain($"Version: {second.Version}");
        (await ServedVersionAsync(server)).Should().Be(second.Version);
    }

    [Test]
    public async Task A_mail_server_that_cannot_be_reached_is_retried_later_and_never_blocks_the_request()
    {
        var settings = SmtpSink.MailSettingsFor(ChildProcess.FreePort()); // nothing listens there
        await using var server = await ApiServer.StartAsync(settings);
        var second = await RegisterAsync(server, "second", 0.1f);

        (await (await server.AdminAsync()).PostAsync($"/models/autoencoder/{second.Version}/promote")).StatusCode.Should().Be(HttpStatusCode.OK);
        await Eventually.UntilAsync(async () => (await AlertsAsync(server))[0].GetProperty("attempts").GetInt32() >= 1, "the mailer tries");

        var alert = (await AlertsAsync(server))[0];
        alert.GetProperty("status").GetString().Should().Be("pending", "the next attempt waits 30 s, then 60 s, ...");
        alert.GetProperty("last_error").GetString().Should().NotBeNullOrEmpty();
        (await ServedVersionAsync(server)).Should().Be(second.Version);
    }

    private static async Task<System.Text.Json.JsonElement> AlertsAsync(ApiServer server) =>
        await (await (await server.AdminAsync()).GetAsync("/alerts")).JsonAsync(HttpStatusCode.OK);
}
