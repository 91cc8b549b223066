using System.Collections.Concurrent;
using System.Diagnostics;
using ColorPix.Core.Data;
using ColorPix.Core.Models;
using ColorPix.Core.Imaging;

namespace ColorPix.Web.Benchmarks;

public sealed record BatchingMode(string Name, int MaxBatch, int MaxDelayMs)
{
    public static BatchingMode On { get; } = new("on", 4, 10);
    public static BatchingMode Off { get; } = new("off", 1, 0);
}

public sealed record ServeBenchmarkOptions
{
    public int RequestsPerClient { get; init; } = 6;
    public IReadOnlyList<int> Clients { get; init; } = [1, 4, 16];

    /// <summary>No client starts a new request after this long in one stage: a loaded machine cannot make the run endless.</summary>
    public TimeSpan StageTimeLimit { get; init; } = TimeSpan.FromSeconds(60);

    public int PhotoSize { get; init; } = 256;
}

/// <param name="Requests">Completed upload + colorize pairs.</param>
public sealed record ServeFigure(string Batching, int Clients, int Requests, int Failed, double Seconds, double RequestsPerSecond,
    double P50Ms, double P95Ms);

public sealed record ServeBenchmarkResult(string Models, string Photo, int Threads, IReadOnlyList<ServeFigure> Figures);

/// <summary>
/// `colorpix bench serve`: the whole service as clients see it. Concurrent clients each upload a photo and colorize it
/// (both models), a fixed number of times; requests/s and the latency of the pair, with micro-batching on and off.
/// </summary>
public static class ServeBenchmark
{
    public static async Task<ServeBenchmarkResult> RunAsync(ServeBenchmarkOptions options, Action<string> progress, CancellationToken cancellation)
    {
        var folder = Directory.CreateTempSubdirectory("colorpix-bench-serve-").FullName;
        try
        {
            var root = RepoPaths.FindRoot();
            var (models, modelsNote) = Models(root, Path.Combine(folder, "models"));
            var (photo, photoNote) = Photo(root, options.PhotoSize);
            var figures = new List<ServeFigure>();
            foreach (var batching in new[] { BatchingMode.On, BatchingMode.Off })
            {
                await using var service = await BenchService.StartAsync(Directory.CreateDirectory(Path.Combine(folder, batching.Name)).FullName, models, batching);
                var token = await service.SignUpAsync(cancellation);
                await service.UploadAndColorizeAsync(token, photo, cancellation); // warm-up: first-call costs are not serving costs
                foreach (var clients in options.Clients)
                {
                    progress($"batching {batching.Name}, {clients} client(s)");
                    figures.Add(await MeasureAsync(service, token, photo, batching, clients, options, cancellation));
                }
            }
            return new ServeBenchmarkResult(modelsNote, photoNote, TorchSharp.torch.get_num_threads(), figures);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools(); // pooled handles keep the database files open
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<ServeFigure> MeasureAsync(BenchService service, string token, byte[] photo, BatchingMode batching, int clients,
        ServeBenchmarkOptions options, CancellationToken cancellation)
    {
        var latencies = new ConcurrentBag<double>();
        var failed = 0;
        var stage = Stopwatch.StartNew();
        async Task Client()
        {
            for (var i = 0; i < options.RequestsPerClient && stage.Elapsed < options.StageTimeLimit; i++)
            {
                var request = Stopwatch.StartNew();
                if (await service.UploadAndColorizeAsync(token, photo, cancellation)) latencies.Add(request.Elapsed.TotalMilliseconds);
                else Interlocked.Increment(ref failed);
            }
        }
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(Client, cancellation)));
        var seconds = stage.Elapsed.TotalSeconds;
        var sorted = latencies.Order().ToArray();
        return new ServeFigure(batching.Name, clients, sorted.Length, failed, seconds, sorted.Length / seconds, Percentile(sorted, 0.50), Percentile(sorted, 0.95));
    }

    /// <summary>Nearest-rank percentile; NaN when nothing completed.</summary>
    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? double.NaN : sorted[(int)Math.Ceiling(p * sorted.Length) - 1];

    internal static (IReadOnlyDictionary<ModelKind, string> Paths, string Note) Models(string root, string tinyFolder)
    {
        var shipped = Enum.GetValues<ModelKind>().ToDictionary(kind => kind, kind => RepoPaths.ShippedModel(root, kind.Name()));
        return shipped.Values.All(File.Exists)
            ? (shipped, "shipped checkpoints")
            : (TinyCheckpoints.Write(tinyFolder), "tiny untrained checkpoints (no shipped models in this clone): the figures are the service's overhead");
    }

    /// <summary>A sample photo resized to size x size as a JPEG, or a generated gradient when the sample set is absent.</summary>
    internal static (byte[] Jpeg, string Note) Photo(string root, int size)
    {
        var sample = Directory.Exists(RepoPaths.SampleFolder(root))
            ? Directory.EnumerateFiles(RepoPaths.SampleFolder(root), "*.jpg", SearchOption.AllDirectories).Order(StringComparer.Ordinal).FirstOrDefault()
            : null;
        if (sample is not null)
        {
            using var original = Image.Decode(File.ReadAllBytes(sample));
            using var resized = original.Resize(size, size);
            return (resized.Encode(ImageFormat.Jpeg, 90), $"{Path.GetRelativePath(root, sample)} resized to {size}x{size}");
        }
        var pixels = new byte[size * size * 3];
        for (var i = 0; i < pixels.Length; i++) pixels[i] = (byte)((i / 3 % size + i / 3 / size) / 2);
        using var generated = Image.FromPixels(pixels, size, size, 3);
        return (generated.Encode(ImageFormat.Jpeg, 90), $"generated {size}x{size} gradient");
    }
}
