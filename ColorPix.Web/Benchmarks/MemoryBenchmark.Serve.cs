using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using ColorPix.Core.Inference;

namespace ColorPix.Web.Benchmarks;

public static partial class MemoryBenchmark
{
    /// <summary>Each stage on a fresh server: memory a burst of 40 MP work freed but kept would hide a leak from the
    /// steady run, and would inflate its idle figure.</summary>
    private static async Task<ServeMemory> RunServeAsync(SelfCommand self, IReadOnlyList<PhotoFile> photos, MemoryBenchmarkOptions options, string folder,
        Action<string> progress, CancellationToken cancellation)
    {
        var small = await File.ReadAllBytesAsync(photos.Single(p => p.Photo.Name == "1 MP").Path, cancellation);
        var large = await File.ReadAllBytesAsync(photos.Single(p => p.Photo.Name == "40 MP").Path, cancellation);
        var budget = options.MemoryBudgetMB ?? new InferenceOptions().MemoryBudgetMB;

        ConcurrentMemory concurrent;
        progress("serve: starting the server for the concurrent requests");
        await using (var server = await ServedProcess.StartAsync(self, Path.Combine(folder, "concurrent"), options.MemoryBudgetMB, cancellation))
        {
            using var client = await ServeClient.SignUpAsync(server.Address, cancellation);
            await client.WarmUpAsync(small, cancellation);
            var idle = server.ReadStatus();
            progress($"serve: {options.Concurrent} concurrent 40 MP uploads + colorizations");
            var reset = server.TryResetPeak();
            var watch = Stopwatch.StartNew();
            var requests = await Task.WhenAll(Enumerable.Range(1, options.Concurrent).Select(i => Task.Run(async () =>
            {
                var request = Stopwatch.StartNew();
                var (step, status, retryAfter) = await client.UploadAndColorizeAsync(large, cancellation);
                return new ConcurrentRequest(i, step, status, retryAfter, request.Elapsed.TotalSeconds);
            }, cancellation)));
            var seconds = watch.Elapsed.TotalSeconds;
            var alive = server.IsAlive && await client.IsLiveAsync(cancellation);
            // Read while the process exists; a dead server leaves the sampler's last reading.
            var peak = server.IsAlive ? server.ReadStatus().HwmBytes : server.LastHwmBytes;
            concurrent = new ConcurrentMemory(options.Concurrent, Mb(idle.RssBytes), Mb(peak), Mb(peak - idle.RssBytes), reset, budget, alive, seconds, requests);
        }

        progress("serve: starting a fresh server for the steady run");
        await using (var server = await ServedProcess.StartAsync(self, Path.Combine(folder, "steady"), options.MemoryBudgetMB, cancellation))
        {
            using var client = await ServeClient.SignUpAsync(server.Address, cancellation);
            await client.WarmUpAsync(small, cancellation);
            progress($"serve: {options.Requests} consecutive 1 MP uploads + colorizations");
            var samples = new List<RssSample>();
            var failed = 0;
            var watch = Stopwatch.StartNew();
            for (var i = 1; i <= options.Requests; i++)
            {
                if ((await client.UploadAndColorizeAsync(small, cancellation)).Status != 200) failed++;
                if (i % options.SampleEvery == 0 || i == options.Requests)
                {
                    if (!server.IsAlive) throw new InvalidOperationException($"the server died after {i} 1 MP requests: {server.Log}");
                    samples.Add(new RssSample(i, Mb(server.ReadStatus().RssBytes)));
                }
            }
            var steady = new SteadyMemory(options.Requests, failed, watch.Elapsed.TotalSeconds, samples, samples[0].RssMB, samples[^1].RssMB,
                samples.Max(s => s.RssMB), samples[^1].RssMB - samples[0].RssMB);
            var command = self.Display("serve", "--urls", server.Address.ToString().TrimEnd('/'));
            return new ServeMemory($"{command} (Inference__MemoryBudgetMB={budget}, throwaway SQLite and object folder)", concurrent, steady);
        }
    }

    /// <summary>The memory lines of /proc/PID/status.</summary>
    internal sealed record ProcStatus(long RssBytes, long HwmBytes)
    {
        public static ProcStatus Parse(string text)
        {
            long? rss = null, hwm = null;
            foreach (var line in text.Split('\n'))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal)) rss = Kilobytes(line);
                else if (line.StartsWith("VmHWM:", StringComparison.Ordinal)) hwm = Kilobytes(line);
            }
            return rss is { } r && hwm is { } h ? new ProcStatus(r, h) : throw new FormatException("no VmRSS and VmHWM lines: not a /proc/PID/status of a running process");
        }

        // "VmRSS:\t  123456 kB"
        private static long Kilobytes(string line)
        {
            var value = line[(line.IndexOf(':') + 1)..].Trim();
            if (!value.EndsWith(" kB", StringComparison.Ordinal)) throw new FormatException($"not in kB: '{line.Trim()}'");
            return checked(long.Parse(value[..^3].Trim(), CultureInfo.InvariantCulture) * 1024);
        }
    }

    /// <summary>`colorpix serve` as a child process on a free loopback port, over a throwaway database and object folder,
    /// with limits that never refuse the benchmark's own traffic. Disposing kills it.</summary>
    private sealed class ServedProcess : IAsyncDisposable
    {
        private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);
        private readonly Process process;
        private readonly OutputTail log;
        private readonly CancellationTokenSource stopSampling = new();
        private readonly Task sampler;
        private long lastHwm;

        private ServedProcess(Process process, OutputTail log, Uri address)
        {
            (this.process, this.log, Address) = (process, log, address);
            sampler = Task.Run(SampleAsync);
        }

        public Uri Address { get; }
        public bool IsAlive => !process.HasExited;
        public string Log => log.ToString();

        /// <summary>The last VmHWM read, by <see cref="ReadStatus"/> or every 100 ms: the peak of a server that has died.</summary>
        public long LastHwmBytes => Interlocked.Read(ref lastHwm);

        public static async Task<ServedProcess> StartAsync(SelfCommand self, string folder, int? budgetMB, CancellationToken cancellation)
        {
            Directory.CreateDirectory(folder);
            var address = new Uri($"http://127.0.0.1:{FreePort()}");
            var environment = ThrowawayServerSettings.AsEnvironment(ThrowawayServerSettings.For(folder));
            if (budgetMB is { } mb) environment["Inference__MemoryBudgetMB"] = mb.ToString(CultureInfo.InvariantCulture);
            var process = new Process { StartInfo = self.StartInfo(self.Executable, self.Arguments("serve", "--urls", address.ToString().TrimEnd('/')), environment) };
            var log = new OutputTail();
            log.Attach(process);
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var server = new ServedProcess(process, log, address);
            try
            {
                await server.WaitUntilReadyAsync(cancellation);
                return server;
            }
            catch
            {
                await server.DisposeAsync();
                throw;
            }
        }

        public ProcStatus ReadStatus()
        {
            var status = ProcStatus.Parse(File.ReadAllText($"/proc/{process.Id}/status"));
            Interlocked.Exchange(ref lastHwm, status.HwmBytes);
            return status;
        }

        /// <summary>Resets VmHWM to the current RSS (writing 5 to /proc/PID/clear_refs, Linux 4.0+), so the next VmHWM is
        /// the peak of what follows, not of the start-up; false when the kernel refused.</summary>
        public bool TryResetPeak()
        {
            try
            {
                File.WriteAllText($"/proc/{process.Id}/clear_refs", "5");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return false;
            }
            var status = ReadStatus();
            return status.HwmBytes <= status.RssBytes + (16 << 20);
        }

        private async Task WaitUntilReadyAsync(CancellationToken cancellation)
        {
            using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(10) };
            var watch = Stopwatch.StartNew();
            while (true)
            {
                if (process.HasExited) throw new InvalidOperationException($"colorpix serve exited with {process.ExitCode} while starting: {log}");
                if (watch.Elapsed > StartTimeout) throw new TimeoutException($"colorpix serve was not ready after {StartTimeout.TotalSeconds:F0} s: {log}");
                try
                {
                    using var ready = await http.GetAsync("/health/ready", cancellation);
                    if (ready.StatusCode == HttpStatusCode.OK) return;
                }
                catch (Exception e) when ((e is HttpRequestException or TaskCanceledException) && !cancellation.IsCancellationRequested)
                {
                    // not listening yet
                }
                await Task.Delay(250, cancellation);
            }
        }

        private async Task SampleAsync()
        {
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
            try
            {
                while (await timer.WaitForNextTickAsync(stopSampling.Token) && !process.HasExited)
                {
                    try { ReadStatus(); }
                    catch (Exception e) when (e is IOException or FormatException) { return; } // exited between the check and the read
                }
            }
            catch (OperationCanceledException)
            {
            }
        }

        public async ValueTask DisposeAsync()
        {
            await stopSampling.CancelAsync();
            await sampler;
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None);
            }
            process.Dispose();
            stopSampling.Dispose();
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }

    /// <summary>One signed-up user of the served process, making requests as the spec's clients do.</summary>
    private sealed class ServeClient : IDisposable
    {
        private readonly HttpClient http;
        private readonly string token;

        private ServeClient(HttpClient http, string token) => (this.http, this.token) = (http, token);

        public static async Task<ServeClient> SignUpAsync(Uri address, CancellationToken cancellation)
        {
            // 40 MP colorizations wait for memory, then run for long on a small machine: no client-side timeout but Ctrl-C.
            var http = new HttpClient { BaseAddress = address, Timeout = Timeout.InfiniteTimeSpan };
            try
            {
                var (username, password) = ("bench", ThrowawayServerSettings.Secret());
                using (var signUp = await http.PostAsJsonAsync("/add_user", new { username, password }, cancellation))
                    await EnsureAsync(signUp, "sign-up");
                using var tokenResponse = await http.PostAsync("/token", new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["username"] = username, ["password"] = password,
                }), cancellation);
                await EnsureAsync(tokenResponse, "sign-in");
                var body = await tokenResponse.Content.ReadFromJsonAsync<JsonElement>(cancellation);
                return new ServeClient(http, body.GetProperty("access_token").GetString()!);
            }
            catch
            {
                http.Dispose();
                throw;
            }
        }

        /// <summary>First-call costs (JIT, the models' first forward passes) are not what the benchmark measures.</summary>
        public async Task WarmUpAsync(byte[] photo, CancellationToken cancellation)
        {
            var (step, status, _) = await UploadAndColorizeAsync(photo, cancellation);
            if (status != 200) throw new InvalidOperationException($"the warm-up request failed: {step} returned {status}");
        }

        /// <summary>Upload, then colorize with both models: the step that ended the request and its status
        /// (0: no response at all) with its Retry-After header.</summary>
        public async Task<(string Step, int Status, string? RetryAfter)> UploadAndColorizeAsync(byte[] photo, CancellationToken cancellation)
        {
            using var form = new MultipartFormDataContent();
            var file = new ByteArrayContent(photo);
            file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            form.Add(file, "file", "photo.jpg");
            Guid id;
            using (var upload = await SendAsync(HttpMethod.Post, "/upload_img2colorize", form, cancellation))
            {
                if (upload is null || !upload.IsSuccessStatusCode) return Outcome("upload", upload);
                id = (await upload.Content.ReadFromJsonAsync<JsonElement>(cancellation)).GetProperty("id").GetGuid();
            }
            using var colorize = await SendAsync(HttpMethod.Get, $"/colorize?id={id:D}", null, cancellation);
            return Outcome("colorize", colorize);
        }

        public async Task<bool> IsLiveAsync(CancellationToken cancellation)
        {
            using var live = await SendAsync(HttpMethod.Get, "/health/live", null, cancellation);
            return live?.StatusCode == HttpStatusCode.OK;
        }

        public void Dispose() => http.Dispose();

        private static (string, int, string?) Outcome(string step, HttpResponseMessage? response) =>
            (step, response is null ? 0 : (int)response.StatusCode, response?.Headers.RetryAfter?.ToString());

        /// <summary>The response, or null when the server did not answer (it died, or closed the connection).</summary>
        private async Task<HttpResponseMessage?> SendAsync(HttpMethod method, string url, HttpContent? content, CancellationToken cancellation)
        {
            using var request = new HttpRequestMessage(method, url) { Content = content };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            try
            {
                return await http.SendAsync(request, cancellation);
            }
            catch (HttpRequestException)
            {
                return null;
            }
        }

        private static async Task EnsureAsync(HttpResponseMessage response, string what)
        {
            if (!response.IsSuccessStatusCode)
                throw new InvalidOperationException($"the benchmark's {what} failed with {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

}
