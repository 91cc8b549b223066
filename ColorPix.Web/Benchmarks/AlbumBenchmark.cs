using System.Diagnostics;
using System.IO.Compression;
using ColorPix.Core.Data;
using ColorPix.Web.Albums;

namespace ColorPix.Web.Benchmarks;

public sealed record AlbumBenchmarkOptions
{
    public int Photos { get; init; } = 100;
    public int PhotoSize { get; init; } = 128;

    /// <summary>Concurrent clients of the second run of single requests; the album worker's default count by default,
    /// so that both sides have as many photos in flight.</summary>
    public int Clients { get; init; } = new AlbumOptions().Workers;
}

/// <param name="Way">"album" (one ZIP, from the start of its upload until the last photo is colorized), or single
/// upload + colorize requests by N clients.</param>
public sealed record AlbumFigure(string Way, int Photos, int Failed, double Seconds, double PhotosPerSecond);

public sealed record AlbumBenchmarkResult(string Models, string Photo, int Threads, int AlbumWorkers, IReadOnlyList<AlbumFigure> Figures,
    double AlbumUploadSeconds, double DownloadSeconds, long DownloadBytes);

/// <summary>
/// `colorpix bench album`: on one server, N photos as one album (a ZIP upload, then the background worker through the
/// same queue and memory budget, followed by polling) against the same N photos as single upload + colorize requests,
/// by one client and by as many clients as album workers. Photos/s of each, in one run.
/// </summary>
public static class AlbumBenchmark
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    public static async Task<AlbumBenchmarkResult> RunAsync(AlbumBenchmarkOptions options, Action<string> progress, CancellationToken cancellation)
    {
        var folder = Directory.CreateTempSubdirectory("colorpix-bench-album-").FullName;
        try
        {
            var root = RepoPaths.FindRoot();
            var (models, modelsNote) = ServeBenchmark.Models(root, Path.Combine(folder, "models"));
            var (photo, photoNote) = ServeBenchmark.Photo(root, options.PhotoSize);
            var zip = Zip(photo, options.Photos);
            await using var service = await BenchService.StartAsync(Directory.CreateDirectory(Path.Combine(folder, "service")).FullName, models, BatchingMode.On);
            var token = await service.SignUpAsync(cancellation);
            await service.UploadAndColorizeAsync(token, photo, cancellation); // warm-up: first-call costs are not serving costs

            var figures = new List<AlbumFigure>();
            progress($"{options.Photos} single requests, 1 client");
            figures.Add(await SinglesAsync(service, token, photo, options.Photos, clients: 1, cancellation));
            progress($"an album of {options.Photos} photos");
            var (album, upload, id) = await AlbumAsync(service, token, zip, options.Photos, cancellation);
            figures.Add(album);
            progress($"{options.Photos} single requests, {options.Clients} clients");
            figures.Add(await SinglesAsync(service, token, photo, options.Photos, options.Clients, cancellation));
            var download = Stopwatch.StartNew();
            var bytes = await service.DownloadAlbumAsync(token, id, cancellation);
            return new AlbumBenchmarkResult(modelsNote, $"{photoNote}, {zip.Length:N0} bytes zipped", TorchSharp.torch.get_num_threads(),
                new AlbumOptions().Workers, figures, upload, download.Elapsed.TotalSeconds, bytes);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools(); // pooled handles keep the database files open
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<AlbumFigure> SinglesAsync(BenchService service, string token, byte[] photo, int photos, int clients, CancellationToken cancellation)
    {
        var (next, failed) = (0, 0);
        var watch = Stopwatch.StartNew();
        async Task Client()
        {
            while (Interlocked.Increment(ref next) <= photos)
                if (!await service.UploadAndColorizeAsync(token, photo, cancellation)) Interlocked.Increment(ref failed);
        }
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(Client, cancellation)));
        var seconds = watch.Elapsed.TotalSeconds;
        return new AlbumFigure($"single requests, {clients} client{(clients == 1 ? "" : "s")}", photos, failed, seconds, (photos - failed) / seconds);
    }

    private static async Task<(AlbumFigure Figure, double UploadSeconds, Guid Id)> AlbumAsync(BenchService service, string token, byte[] zip, int photos,
        CancellationToken cancellation)
    {
        var watch = Stopwatch.StartNew();
        var id = await service.UploadAlbumAsync(token, zip, cancellation) ?? throw new InvalidOperationException("the service refused the album");
        var uploaded = watch.Elapsed.TotalSeconds;
        (bool Done, int Colorized, int Failed) state;
        while (!(state = await service.AlbumProgressAsync(token, id, cancellation)).Done) await Task.Delay(PollInterval, cancellation);
        var seconds = watch.Elapsed.TotalSeconds;
        return (new AlbumFigure("album (one ZIP)", photos, state.Failed, seconds, state.Colorized / seconds), uploaded, id);
    }

    private static byte[] Zip(byte[] photo, int photos)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            for (var i = 1; i <= photos; i++)
            {
                using var entry = zip.CreateEntry($"photo-{i:D3}.jpg", CompressionLevel.NoCompression).Open();
                entry.Write(photo);
            }
        return buffer.ToArray();
    }
}
