using System.Collections.Concurrent;
using System.Net;
using ColorPix.Tests.Api.Infrastructure;
using ColorPix.Tests.Storage.Servers;

namespace ColorPix.Tests.Api;

/// <summary>
/// The production topology on loopback: two `colorpix serve` processes on one PostgreSQL and one S3 bucket, no
/// signing key configured, behind nginx running deploy/nginx/colorpix.conf. Clients upload and colorize without a
/// pause while each replica in turn is sent SIGTERM, drains, exits and starts again.
/// </summary>
public sealed class RollingRestartTests
{
    private const int Clients = 3;

    [Test]
    public async Task A_steady_stream_through_nginx_sees_no_failure_while_each_replica_restarts_in_turn()
    {
        var folder = Directory.CreateTempSubdirectory("colorpix-rolling-").FullName;
        var (storage, dropStorage) = await ApiStorage.PostgresAndS3.CreateAsync(folder);
        var ports = new[] { ChildProcess.FreePort(), ChildProcess.FreePort() };
        Dictionary<string, string?> SettingsOf(int replica)
        {
            var settings = ServeProcess.Settings(Path.Combine(folder, $"replica-{replica}"));
            foreach (var (key, value) in storage) settings[key] = value;
            settings["Auth:SigningKey"] = "";   // the replicas must agree on the key through the database
            settings["Proxy:Trusted:0"] = "127.0.0.1";
            return settings;
        }
        var replicas = new ServeProcess?[2];
        NginxServer? nginx = null;
        RequestStream? stream = null;
        var clients = new List<Task>();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(120) };   // outlives the clients, whatever happens
        try
        {
            for (var i = 0; i < replicas.Length; i++) replicas[i] = await ServeProcess.StartAsync(SettingsOf(i), ports[i]);
            replicas[0]!.Output.Should().NotContain("fail:", "the first start, on an empty database, logs no error (the key ring is read once migrated)");
            nginx = NginxServer.Start(ports);
            http.BaseAddress = new Uri($"http://127.0.0.1:{nginx.Port}");
            stream = new RequestStream(await ApiUser.SignedUpAsync(http, "rolling"));
            clients.AddRange(Enumerable.Range(0, Clients).Select(stream.RunAsync));
            await stream.UntilMoreRoundsAsync(5);
            var restarts = new List<string>();
            for (var i = 0; i < replicas.Length; i++)
            {
                var stopping = replicas[i]!;
                stopping.Signal("TERM");
                (await stopping.WaitForExitAsync(TimeSpan.FromSeconds(90))).Should().BeTrue($"replica {i} drains and exits");
                stopping.ExitCode.Should().Be(0, stopping.Output);
                await stopping.DisposeAsync();
                restarts.Add($"replica {i} stopped after {stream.Rounds} rounds");
                replicas[i] = await ServeProcess.StartAsync(SettingsOf(i), ports[i]);
                await stream.UntilMoreRoundsAsync(5);
            }
            await stream.StopAsync(clients);

            var retried = nginx.ErrorLog.Split('\n').Count(l => l.Contains("while connecting to upstream") || l.Contains("from upstream"));
            TestContext.Out.WriteLine($"rolling restart through nginx: {stream.Requests} requests ({stream.Rounds} upload+colorize rounds by {Clients} clients), " +
                $"{stream.Failures.Count} failed, {retried} passed on by nginx to the other replica; {string.Join("; ", restarts)}");
            stream.Failures.Should().BeEmpty();
            retried.Should().BeGreaterThan(0, "the stream met the restarts: nginx found a replica gone and passed requests on");
            foreach (var replica in replicas)
                (await ServedAsync(replica!)).Should().BeGreaterThan(0, "nginx sends work to a restarted replica again");
            var images = await ApiStorage.CountRowsAsync(ApiStorage.StoresOf(storage).Connections, "images");
            images.Should().Be(stream.Uploads, "every upload answered 201 is a row");
        }
        finally
        {
            if (stream is not null) await stream.StopAsync(clients);   // also when an assertion failed midway
            nginx?.Dispose();
            foreach (var replica in replicas) if (replica is not null) await replica.DisposeAsync();
            await dropStorage();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Requests this process answered since it started, from its own /metrics (a loopback client may scrape).</summary>
    private static async Task<double> ServedAsync(ServeProcess replica)
    {
        var text = await replica.Http.GetStringAsync("/metrics");
        return text.Split('\n').Where(l => l.StartsWith("colorpix_http_requests_total{", StringComparison.Ordinal) && l.Contains("route=\"/colorize\""))
            .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Clients each uploading a photo and colorizing it, again and again, recording every failure.</summary>
    private sealed class RequestStream(ApiUser user)
    {
        private readonly CancellationTokenSource stop = new();
        private int rounds;
        private int uploads;
        private int requests;

        public ConcurrentQueue<string> Failures { get; } = new();
        public int Rounds => Volatile.Read(ref rounds);
        public int Uploads => Volatile.Read(ref uploads);
        public int Requests => Volatile.Read(ref requests);

        public async Task RunAsync(int client)
        {
            for (var round = 0; !stop.IsCancellationRequested; round++)
            {
                try
                {
                    Interlocked.Increment(ref requests);
                    using var upload = await user.UploadAsync(TestPhotos.GrayPng(48, 40, seed: client * 10_000 + round));
                    if (upload.StatusCode != HttpStatusCode.Created)
                    {
                        Failures.Enqueue($"upload: {(int)upload.StatusCode} {await upload.Content.ReadAsStringAsync()}");
                        continue;
                    }
                    Interlocked.Increment(ref uploads);
                    var id = (await upload.JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
                    Interlocked.Increment(ref requests);
                    using var colorize = await user.ColorizeAsync(id);
                    if (colorize.StatusCode != HttpStatusCode.OK)
                        Failures.Enqueue($"colorize: {(int)colorize.StatusCode} {await colorize.Content.ReadAsStringAsync()}");
                    else
                        Interlocked.Increment(ref rounds);
                }
                catch (HttpRequestException e)
                {
                    Failures.Enqueue($"{e.GetType().Name}: {e.Message}");
                }
            }
        }

        public Task UntilMoreRoundsAsync(int more)
        {
            var target = Rounds + more;
            return Eventually.UntilAsync(() => Task.FromResult(Rounds >= target || !Failures.IsEmpty), $"{more} more rounds", TimeSpan.FromSeconds(120),
                () => Task.FromResult($"{Rounds} rounds, failures: {string.Join(" | ", Failures)}"));
        }

        public async Task StopAsync(IEnumerable<Task> clients)
        {
            await stop.CancelAsync();
            await Task.WhenAll(clients);
        }
    }
}
