using System.Net;
using ColorPix.Tests.Api.Infrastructure;

namespace ColorPix.Tests.Api;

/// <summary>A real `colorpix serve` process sent SIGTERM with colorizations in flight.</summary>
public class DrainTests
{
    [Test]
    public async Task On_SIGTERM_a_replica_turns_not_ready_finishes_the_requests_in_flight_and_exits_0()
    {
        var folder = Directory.CreateTempSubdirectory("colorpix-drain-").FullName;
        var settings = ServeProcess.Settings(folder);
        settings["Drain:DelaySeconds"] = "2";
        await using var server = await ServeProcess.StartAsync(settings);
        try
        {
            var user = await ApiUser.SignedUpAsync(server.Http, "drain-user");
            var images = new List<Guid>();
            for (var i = 0; i < 4; i++) images.Add(await user.UploadedAsync(TestPhotos.GrayPng(2400, 1600, seed: 40 + i)));

            // Full-size colorizations in flight, then SIGTERM.
            var inFlight = images.Select(id => user.ColorizeAsync(id)).ToList();
            await Task.Delay(100);
            server.Signal("TERM");
            await Eventually.UntilAsync(async () => await server.ReadyAsync() == HttpStatusCode.ServiceUnavailable, "not ready while draining");
            var answered = await Task.WhenAll(inFlight);

            answered.Select(r => r.StatusCode).Should().OnlyContain(s => s == HttpStatusCode.OK, "requests in flight finish");
            (await server.WaitForExitAsync(TimeSpan.FromSeconds(60))).Should().BeTrue("the replica exits once drained");
            server.ExitCode.Should().Be(0, server.Output);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
