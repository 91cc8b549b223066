using System.Diagnostics;
using System.Net;
using ColorPix.Core.Data;
using ColorPix.Core.Models;
using ColorPix.Tests.Api.Infrastructure;
using ColorPix.Tests.Storage.Servers;
using ColorPix.Web.Benchmarks;

namespace ColorPix.Tests.Api;

/// <summary>A real `colorpix serve` process sent SIGTERM with colorizations in flight.</summary>
public class DrainTests
{
    [Test]
    public async Task On_SIGTERM_a_replica_turns_not_ready_finishes_the_requests_in_flight_and_exits_0()
    {
        var folder = Directory.CreateTempSubdirectory("colorpix-drain-").FullName;
        var port = ChildProcess.FreePort();
        var settings = ThrowawayServerSettings.For(folder);
        settings["Drain:DelaySeconds"] = "2";
        settings["Models:AutoEncoder"] = TestCheckpoints.PathOf(ModelKind.AutoEncoder);
        settings["Models:Pix2Pix"] = TestCheckpoints.PathOf(ModelKind.Pix2Pix);
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "colorpix.dll"), "--threads", "1", "serve", "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = RepoPaths.FindRoot(AppContext.BaseDirectory), RedirectStandardOutput = true, RedirectStandardError = true,
        };
        foreach (var (key, value) in ThrowawayServerSettings.AsEnvironment(settings)) start.Environment[key] = value;
        using var server = Process.Start(start)!;
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        server.OutputDataReceived += (_, line) => { if (line.Data is { } text) output.Enqueue(text); };
        server.ErrorDataReceived += (_, line) => { if (line.Data is { } text) output.Enqueue(text); };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };
            await Eventually.UntilAsync(async () => await ReadyAsync(http) == HttpStatusCode.OK, "the server is ready");
            var anonymous = new ApiUser(http, "", null);
            (await anonymous.SignUpAsync("drain-user", ApiServer.Password)).StatusCode.Should().Be(HttpStatusCode.Created);
            var token = (await (await anonymous.TokenAsync("drain-user", ApiServer.Password)).JsonAsync(HttpStatusCode.OK)).GetProperty("access_token").GetString();
            var user = new ApiUser(http, "drain-user", token);
            var images = new List<Guid>();
            for (var i = 0; i < 4; i++) images.Add(await user.UploadedAsync(TestPhotos.GrayPng(2400, 1600, seed: 40 + i)));

            // Full-size colorizations in flight, then SIGTERM.
            var inFlight = images.Select(id => user.ColorizeAsync(id)).ToList();
            await Task.Delay(100);
            Process.Start("kill", ["-TERM", server.Id.ToString()])!.WaitForExit();
            await Eventually.UntilAsync(async () => await ReadyAsync(http) == HttpStatusCode.ServiceUnavailable, "not ready while draining");
            var answered = await Task.WhenAll(inFlight);

            answered.Select(r => r.StatusCode).Should().OnlyContain(s => s == HttpStatusCode.OK, "requests in flight finish");
            server.WaitForExit(60_000).Should().BeTrue("the replica exits once drained");
            server.ExitCode.Should().Be(0, string.Join('\n', output));
        }
        finally
        {
            if (!server.HasExited) server.Kill(entireProcessTree: true);
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<HttpStatusCode?> ReadyAsync(HttpClient http)
    {
        try
        {
            using var response = await http.GetAsync("/health/ready");
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }
}
