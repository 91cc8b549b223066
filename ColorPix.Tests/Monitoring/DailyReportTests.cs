using System.Net;
using ColorPix.Tests.Api.Infrastructure;
using ColorPix.Tests.Storage.Servers;

namespace ColorPix.Tests.Monitoring;

public class DailyReportTests
{
    [Test]
    // The administrator created at the first start and the user are the two new users.
    public async Task The_daily_report_counts_the_day_rates_each_version_and_arrives_by_mail()
    {
        using var sink = await SmtpSink.StartAsync();
        await using var server = await ApiServer.StartAsync(sink.MailSettings());
        var user = await server.SignUpAsync();
        var id = await user.UploadedAsync(TestPhotos.GrayPng(64, 48, seed: 3));
        var colorized = await (await user.ColorizeAsync(id)).JsonAsync(HttpStatusCode.OK);
        var version = colorized.GetProperty("results")[0].GetProperty("model_version").GetString();
        (await user.PostAsync($"/user_imgrating?id={id:D}&model=autoencoder&rating=4")).StatusCode.Should().Be(HttpStatusCode.OK);

        var report = (await (await (await server.AdminAsync()).PostAsync("/reports/daily")).JsonAsync(HttpStatusCode.OK)).GetString()!;
        var mail = await sink.WaitForMessageAsync("Subject: [ColorPix] daily report, ");

        report.Should().Contain("1 uploads, 2 colorizations, 1 ratings, 2 new users (2 in all)")
            .And.Contain($"autoencoder  {version}").And.Contain("4.00 / 5 from 1").And.Contain("Drift (last check):\n  no check yet");
        mail.Should().Contain("1 uploads, 2 colorizations").And.Contain("Models serving");
    }
}
