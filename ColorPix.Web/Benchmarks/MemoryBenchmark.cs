using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using ColorPix.Core.Data;
using ColorPix.Core.Imaging;
using ColorPix.Core.Inference;
using ColorPix.Core.Models;

namespace ColorPix.Web.Benchmarks;

public sealed record MemoryBenchmarkOptions
{
    /// <summary>Clients that upload and colorize the 40 MP photo at the same time.</summary>
    public int Concurrent { get; init; } = 8;

    /// <summary>Consecutive 1 MP upload + colorize requests of the steady run.</summary>
    public int Requests { get; init; } = 500;

    /// <summary>The steady run reads the server's RSS after every this many requests.</summary>
    public int SampleEvery { get; init; } = 50;

    /// <summary>The served process's Inference:MemoryBudgetMB; null leaves the service's own default.</summary>
    public int? MemoryBudgetMB { get; init; }

    public bool RunCli { get; init; } = true;
    public bool RunServe { get; init; } = true;
}

/// <param name="Name">What the photo is for: idle, 1 MP, 10 MP, 40 MP.</param>
public sealed record MemoryPhoto(string Name, int Width, int Height, double JpegMB)
{
    public double Megapixels => Width * (double)Height / 1e6;
}

/// <param name="AboveIdleMB">Max RSS minus that of the idle run (the models loaded, a 64x64 photo colorized).</param>
public sealed record CliMemoryRun(string Photo, int Width, int Height, double WallSeconds, double MaxRssMB, double AboveIdleMB);

/// <param name="TimeRatio">40 MP wall time / 10 MP wall time, start-up and model loading included.</param>
/// <param name="WorkTimeRatio">The same after subtracting the idle run's time: the colorizations alone.</param>
public sealed record CliMemory(string Command, IReadOnlyList<CliMemoryRun> Runs, double TimeRatio, double WorkTimeRatio);

/// <param name="Step">The request that ended the client's work: upload, or colorize after a successful upload.</param>
public sealed record ConcurrentRequest(int Client, string Step, int Status, string? RetryAfter, double Seconds);

/// <param name="PeakRssMB">The server's VmHWM over the concurrent requests (reset to its RSS just before them).</param>
/// <param name="PeakReset">Whether that reset worked; if not, VmHWM is the peak of the server's whole life.</param>
public sealed record ConcurrentMemory(int Clients, double IdleRssMB, double PeakRssMB, double PeakAboveIdleMB, bool PeakReset, int BudgetMB,
    bool Alive, double Seconds, IReadOnlyList<ConcurrentRequest> Requests);

public sealed record RssSample(int Requests, double RssMB);

/// <param name="GrowthMB">Last sample minus first.</param>
public sealed record SteadyMemory(int Requests, int Failed, double Seconds, IReadOnlyList<RssSample> Samples,
    double FirstMB, double LastMB, double MaxMB, double GrowthMB);

public sealed record ServeMemory(string Command, ConcurrentMemory Concurrent, SteadyMemory Steady);

public sealed record MemoryTarget(string Target, string Measured, bool Met);

public sealed record MemoryBenchmarkResult(int Threads, string Photos, IReadOnlyList<MemoryPhoto> PhotoSizes, CliMemory? Cli, ServeMemory? Serve,
    IReadOnlyList<MemoryTarget> Targets);

/// <summary>
/// `colorpix bench memory`: peak RSS and time of colorizing large photos, measured by the OS on child processes of
/// this same executable, never from inside the measured process: `/usr/bin/time -v` around `colorize` runs, and
/// /proc/PID/status of a `serve` child under concurrent and sustained requests. Checked against the issue's targets.
/// </summary>
public static partial class MemoryBenchmark
{
    public const double PeakAboveIdleTargetMB = 1536;  // 1.5 GB, in the MB (2^20 bytes) that MemoryBudgetMB counts
    public const double TimeRatioTarget = 5;           // 40 MP may cost 5x 10 MP: 3.9x the pixels, some room for caches
    public const double FlatToleranceMB = 64;          // a leak of one 1 MP result per request would grow ~2 GB in 500

    private const string Time = "/usr/bin/time";
    private static readonly (string Name, int Width, int Height)[] Sizes =
        [("idle", 64, 64), ("1 MP", 1155, 866), ("10 MP", 3650, 2740), ("40 MP", 7200, 5400)];

    public static async Task<MemoryBenchmarkResult> RunAsync(MemoryBenchmarkOptions options, Action<string> progress, CancellationToken cancellation)
    {
        if (options.RunCli && !File.Exists(Time)) throw new InvalidOperationException($"bench memory needs GNU time at {Time} (Debian package 'time')");
        if (!OperatingSystem.IsLinux()) throw new PlatformNotSupportedException("bench memory reads /proc: it runs on Linux only");
        var root = RepoPaths.FindRoot();
        var missing = Enum.GetValues<ModelKind>().Select(k => RepoPaths.ShippedModel(root, k.Name())).Where(p => !File.Exists(p)).ToList();
        if (missing.Count > 0) throw new InvalidOperationException($"bench memory measures the shipped models, and {string.Join(", ", missing)} is missing");
        var self = SelfCommand.Current(root);
        var folder = Directory.CreateTempSubdirectory("colorpix-bench-memory-").FullName;
        try
        {
            progress("writing the test photos");
            var (photos, note) = WritePhotos(root, Path.Combine(folder, "photos"));
            var cli = options.RunCli ? await RunCliAsync(self, photos, Path.Combine(folder, "cli"), progress, cancellation) : null;
            var serve = options.RunServe ? await RunServeAsync(self, photos, options, Path.Combine(folder, "serve"), progress, cancellation) : null;
            return new MemoryBenchmarkResult(TorchSharp.torch.get_num_threads(), note, photos.Select(p => p.Photo).ToList(), cli, serve, Targets(cli, serve));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    internal static IReadOnlyList<MemoryTarget> Targets(CliMemory? cli, ServeMemory? serve)
    {
        var targets = new List<MemoryTarget>();
        if (cli is not null)
        {
            var peak = cli.Runs.Single(r => r.Photo == "40 MP").AboveIdleMB;
            targets.Add(new("CLI 40 MP, both models: peak RSS at most 1.5 GB above idle", $"{peak:F0} MB", peak <= PeakAboveIdleTargetMB));
            targets.Add(new("CLI 40 MP time at most 5x 10 MP (minus the idle run time)", $"{cli.WorkTimeRatio:F2}x (with start-up {cli.TimeRatio:F2}x)",
                cli.WorkTimeRatio <= TimeRatioTarget));
        }
        if (serve is not null)
        {
            var c = serve.Concurrent;
            var bad = c.Requests.Where(r => !(r.Status == 200 || (r.Status == 503 && r.RetryAfter is not null))).ToList();
            targets.Add(new($"serve, {c.Clients} concurrent 40 MP: each 200 or 503 + Retry-After",
                $"{c.Requests.Count(r => r.Status == 200)} x 200, {c.Requests.Count(r => r.Status == 503 && r.RetryAfter is not null)} x 503 + Retry-After" +
                (bad.Count > 0 ? $", other: {string.Join(", ", bad.Select(r => $"{r.Step} {r.Status}"))}" : ""), bad.Count == 0));
            targets.Add(new("serve: process alive afterwards", c.Alive ? "alive" : "dead", c.Alive));
            targets.Add(new($"serve: peak RSS above idle at most the memory budget ({c.BudgetMB} MB)", $"{c.PeakAboveIdleMB:F0} MB", c.PeakAboveIdleMB <= c.BudgetMB));
            var s = serve.Steady;
            targets.Add(new($"serve, {s.Requests} x 1 MP: RSS flat (growth at most {FlatToleranceMB:F0} MB), no failures",
                $"{s.GrowthMB:+0;-0} MB, {s.Failed} failed", s.GrowthMB <= FlatToleranceMB && s.Failed == 0));
        }
        return targets;
    }

    // ---- test photos ----

    internal sealed record PhotoFile(MemoryPhoto Photo, string Path);

    /// <summary>Deterministic gray JPEGs at every size: a sample photo (else a smooth procedural scene) enlarged bicubically,
    /// with a fixed film grain so that, like a real scan, it does not compress to nothing.</summary>
    private static (IReadOnlyList<PhotoFile> Photos, string Note) WritePhotos(string root, string folder)
    {
        Directory.CreateDirectory(folder);
        var sample = Directory.Exists(RepoPaths.SampleFolder(root))
            ? Directory.EnumerateFiles(RepoPaths.SampleFolder(root), "*.jpg", SearchOption.AllDirectories).Order(StringComparer.Ordinal).FirstOrDefault()
            : null;
        using var source = sample is null ? ProceduralScene(640, 480) : GrayOf(File.ReadAllBytes(sample));
        var photos = new List<PhotoFile>();
        foreach (var (name, width, height) in Sizes)
        {
            using var photo = source.Resize(width, height);
            AddGrain(photo);
            var path = Path.Combine(folder, $"{name.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant()}.jpg");
            File.WriteAllBytes(path, photo.Encode(ImageFormat.Jpeg, 90));
            photos.Add(new PhotoFile(new MemoryPhoto(name, width, height, new FileInfo(path).Length / (double)(1 << 20)), path));
        }
        var origin = sample is null ? "a generated scene" : Path.GetRelativePath(root, sample);
        return (photos, $"gray JPEGs (quality 90) of {origin}, resized, with a fixed film grain");
    }

    private static Image GrayOf(byte[] jpeg)
    {
        using var color = Image.Decode(jpeg);
        var rgb = color.CopyPixels();
        var gray = new byte[color.Width * color.Height];
        for (var i = 0; i < gray.Length; i++)
            gray[i] = (byte)Math.Round(0.299 * rgb[3 * i] + 0.587 * rgb[3 * i + 1] + 0.114 * rgb[3 * i + 2]);
        return Image.FromPixels(gray, color.Width, color.Height, 1);
    }

    private static Image ProceduralScene(int width, int height)
    {
        var gray = new byte[width * height];
        for (var y = 0; y < height; y++)
        for (var x = 0; x < width; x++)
        {
            var (u, v) = (x / (double)width, y / (double)height);
            var sky = 200 - 90 * v;
            var hills = 70 + 50 * Math.Sin(u * 9 + Math.Cos(v * 5)) * Math.Cos(v * 7);
            gray[y * width + x] = (byte)Math.Clamp(v < 0.45 + 0.1 * Math.Sin(u * 6) ? sky : hills, 0, 255);
        }
        return Image.FromPixels(gray, width, height, 1);
    }

    /// <summary>+-4 levels of hashed, position-determined grain on a gray image.</summary>
    private static void AddGrain(Image gray)
    {
        for (var y = 0; y < gray.Height; y++)
        {
            var row = gray.WritableRow(y);
            for (var x = 0; x < row.Length; x++)
            {
                var hash = (uint)(x * 73856093) ^ (uint)(y * 19349663);
                hash = (hash ^ (hash >> 13)) * 0x5bd1e995;
                row[x] = (byte)Math.Clamp(row[x] + (int)((hash >> 24) % 9) - 4, 0, 255);
            }
        }
    }

    // ---- the CLI ----

    private static async Task<CliMemory> RunCliAsync(SelfCommand self, IReadOnlyList<PhotoFile> photos, string folder, Action<string> progress,
        CancellationToken cancellation)
    {
        var runs = new List<(PhotoFile Photo, TimeReport Report)>();
        foreach (var photo in photos.Where(p => p.Photo.Name != "1 MP"))
        {
            progress($"colorize --model both, {photo.Photo.Name} ({photo.Photo.Width}x{photo.Photo.Height})");
            var output = Directory.CreateDirectory(Path.Combine(folder, "out")).FullName;
            var report = Path.Combine(folder, "time.txt");
            var (exit, log) = await self.RunAsync(Time,
                ["-v", "-o", report, self.Executable, .. self.Arguments("colorize", photo.Path, "--model", "both", "--out", output)], cancellation);
            var measured = TimeReport.Parse(File.ReadAllText(report));
            if (exit != 0 || measured.ExitStatus != 0)
                throw new InvalidOperationException($"colorize of the {photo.Photo.Name} photo exited with {(exit != 0 ? exit : measured.ExitStatus)} " +
                                                    $"(above 128: killed by signal N-128): {log}");
            runs.Add((photo, measured));
            Directory.Delete(output, recursive: true);
        }
        var idle = runs[0].Report;
        var figures = runs.Select(r => new CliMemoryRun(r.Photo.Photo.Name, r.Photo.Photo.Width, r.Photo.Photo.Height, r.Report.WallSeconds,
            Mb(r.Report.MaxRssBytes), Mb(r.Report.MaxRssBytes - idle.MaxRssBytes))).ToList();
        var (ten, forty) = (figures.Single(f => f.Photo == "10 MP"), figures.Single(f => f.Photo == "40 MP"));
        return new CliMemory($"{Time} -v {self.Display("colorize", "PHOTO", "--model", "both", "--out", "DIR")}", figures,
            forty.WallSeconds / ten.WallSeconds, (forty.WallSeconds - idle.WallSeconds) / Math.Max(1e-3, ten.WallSeconds - idle.WallSeconds));
    }

    private static double Mb(long bytes) => bytes / (double)(1 << 20);

    /// <summary>What `/usr/bin/time -v` reports of a finished process.</summary>
    internal sealed record TimeReport(double WallSeconds, long MaxRssBytes, int ExitStatus)
    {
        public static TimeReport Parse(string text)
        {
            string? wall = null, rss = null, exit = null;
            foreach (var raw in text.Split('\n'))
            {
                var line = raw.Trim();
                if (line.StartsWith("Elapsed (wall clock) time", StringComparison.Ordinal)) wall = AfterLastColonOfLabel(line);
                else if (line.StartsWith("Maximum resident set size (kbytes):", StringComparison.Ordinal)) rss = AfterLastColonOfLabel(line);
                else if (line.StartsWith("Exit status:", StringComparison.Ordinal)) exit = AfterLastColonOfLabel(line);
            }
            if (wall is null || rss is null || exit is null)
                throw new FormatException("not the output of /usr/bin/time -v: no " +
                                          string.Join(", ", new[] { (wall, "wall clock time"), (rss, "maximum resident set size"), (exit, "exit status") }
                                              .Where(f => f.Item1 is null).Select(f => f.Item2)));
            return new TimeReport(ClockSeconds(wall), checked(long.Parse(rss, CultureInfo.InvariantCulture) * 1024), int.Parse(exit, CultureInfo.InvariantCulture));
        }

        // "Elapsed (wall clock) time (h:mm:ss or m:ss): 1:02.50": the label itself has colons, the value follows "): " or ": ".
        private static string AfterLastColonOfLabel(string line)
        {
            var end = line.LastIndexOf("): ", StringComparison.Ordinal);
            return (end >= 0 ? line[(end + 3)..] : line[(line.IndexOf(':') + 1)..]).Trim();
        }

        /// <summary>"m:ss.ss" or "h:mm:ss" as seconds.</summary>
        private static double ClockSeconds(string clock)
        {
            var seconds = 0.0;
            foreach (var part in clock.Split(':'))
                seconds = seconds * 60 + double.Parse(part, NumberStyles.Float, CultureInfo.InvariantCulture);
            return seconds;
        }
    }

    /// <summary>This same executable started again, as `dotnet colorpix.dll` or as the apphost, in the clone's root
    /// (where the verbs find checkpoints/ and appsettings.json), with this run's libtorch thread count.</summary>
    internal sealed class SelfCommand(string executable, IReadOnlyList<string> prefix, string root)
    {
        public string Executable { get; } = executable;

        public static SelfCommand Current(string root)
        {
            var process = Environment.ProcessPath ?? throw new InvalidOperationException("cannot tell which executable this process runs");
            var entry = Assembly.GetEntryAssembly();
            if (entry?.GetName().Name != "colorpix" || entry.Location.Length == 0)
                throw new InvalidOperationException("bench memory starts the colorpix executable again: run it as colorpix, not inside another host");
            return Path.GetFileNameWithoutExtension(process) == "dotnet" ? new SelfCommand(process, [entry.Location], root) : new SelfCommand(process, [], root);
        }

        /// <summary>The arguments of <see cref="Executable"/> for one verb.</summary>
        public IReadOnlyList<string> Arguments(params string[] verb) =>
            [.. prefix, "--threads", TorchSharp.torch.get_num_threads().ToString(CultureInfo.InvariantCulture), .. verb];

        public string Display(params string[] verb) => string.Join(' ', new[] { Executable }.Concat(Arguments(verb)).Select(a => a.Contains(' ', StringComparison.Ordinal) ? $"'{a}'" : a));

        public ProcessStartInfo StartInfo(string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
        {
            var start = new ProcessStartInfo(fileName, arguments)
            {
                WorkingDirectory = root, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true,
            };
            foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;
            return start;
        }

        /// <summary>Runs to the end (killed, with its children, if cancelled); returns the exit code and the output's tail.</summary>
        public async Task<(int Exit, string Log)> RunAsync(string fileName, IEnumerable<string> arguments, CancellationToken cancellation)
        {
            using var process = new Process { StartInfo = StartInfo(fileName, arguments) };
            var log = new OutputTail();
            log.Attach(process);
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            try
            {
                await process.WaitForExitAsync(cancellation);
            }
            finally
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                    await process.WaitForExitAsync(CancellationToken.None);
                }
            }
            return (process.ExitCode, log.ToString());
        }
    }

    /// <summary>The last lines a child wrote: enough to say why it failed, bounded so a chatty child costs nothing.</summary>
    internal sealed class OutputTail
    {
        private const int Lines = 20;
        private readonly Queue<string> lines = new();

        public void Attach(Process process)
        {
            process.OutputDataReceived += (_, e) => Add(e.Data);
            process.ErrorDataReceived += (_, e) => Add(e.Data);
        }

        private void Add(string? line)
        {
            if (string.IsNullOrWhiteSpace(line)) return;
            lock (lines)
            {
                lines.Enqueue(line.Trim());
                if (lines.Count > Lines) lines.Dequeue();
            }
        }

        public override string ToString()
        {
            lock (lines) return lines.Count == 0 ? "(no output)" : string.Join(" | ", lines);
        }
    }
}
