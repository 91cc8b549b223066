using System.CommandLine;
using ColorPix.Web.Benchmarks;
using Spectre.Console;

namespace ColorPix.Web.Cli;

/// <summary>`colorpix bench album`: an album of N photos against N single requests on the same server.</summary>
public static class AlbumBenchCommand
{
    private static readonly Option<int?> Photos = new("--photos") { Description = "Photos in the album, and single requests of each run (100)" };
    private static readonly Option<int?> Size = new("--size") { Description = "The photo's side in pixels (128)" };
    private static readonly Option<int?> Clients = new("--clients") { Description = "Clients of the second run of single requests (the album workers' count)" };

    public static Command Create(Func<ParseResult, Action<string>> progress, Action<ParseResult, AlbumBenchmarkResult, Action<IAnsiConsole>> print)
    {
        var album = new Command("album", "The service on 127.0.0.1: a 100-photo album (one ZIP) against 100 single upload + colorize requests, photos/s")
        {
            Photos, Size, Clients,
        };
        album.SetAction(async (parsed, cancellation) =>
        {
            var o = new AlbumBenchmarkOptions();
            o = o with
            {
                Photos = parsed.GetValue(Photos) ?? o.Photos,
                PhotoSize = parsed.GetValue(Size) ?? o.PhotoSize,
                Clients = parsed.GetValue(Clients) ?? o.Clients,
            };
            if (o.Photos < 1 || o.PhotoSize < 8 || o.Clients < 1) throw new ArgumentException("--photos and --clients must be at least 1, --size at least 8");
            var result = await AlbumBenchmark.RunAsync(o, progress(parsed), cancellation);
            print(parsed, result, console => Render(console, result));
            return 0;
        });
        return album;
    }

    private static void Render(IAnsiConsole console, AlbumBenchmarkResult result)
    {
        var table = new Table().Title($"album vs single requests (both models), {result.Threads} torch threads, {result.AlbumWorkers} album workers")
            .AddColumn("way").AddColumn(new TableColumn("photos").RightAligned()).AddColumn(new TableColumn("failed").RightAligned())
            .AddColumn(new TableColumn("seconds").RightAligned()).AddColumn(new TableColumn("photos/s").RightAligned());
        foreach (var f in result.Figures) table.AddRow(f.Way, $"{f.Photos}", $"{f.Failed}", $"{f.Seconds:F1}", $"{f.PhotosPerSecond:F2}");
        console.Write(table);
        console.MarkupLine($"[grey]models: {Markup.Escape(result.Models)}; photo: {Markup.Escape(result.Photo)}; album upload (accepting every photo) " +
                           $"{result.AlbumUploadSeconds:F1} s of its total; results ZIP {result.DownloadBytes:N0} bytes in {result.DownloadSeconds:F2} s[/]");
    }
}
