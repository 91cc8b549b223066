using ColorPix.Web.Benchmarks;

namespace ColorPix.Tests.Cli;

/// <summary>`bench album` end to end at a tiny size: every photo of each way is colorized, and each figure is photos over time.</summary>
public sealed class AlbumBenchTests
{
    [Test]
    public async Task Album_benchmark_measures_an_album_and_single_requests_of_the_same_photos()
    {
        var stages = new List<string>();

        var result = await AlbumBenchmark.RunAsync(new AlbumBenchmarkOptions { Photos = 4, PhotoSize = 32, Clients = 2 }, stages.Add, CancellationToken.None);

        result.Figures.Select(f => f.Way).Should().Equal("single requests, 1 client", "album (one ZIP)", "single requests, 2 clients");
        result.Figures.Should().OnlyContain(f => f.Photos == 4 && f.Failed == 0 && f.Seconds > 0);
        result.Figures.Should().OnlyContain(f => Math.Abs(f.PhotosPerSecond - 4 / f.Seconds) < 1e-9);
        result.AlbumUploadSeconds.Should().BeLessThan(result.Figures[1].Seconds, "the upload is part of the album's time");
        result.DownloadBytes.Should().BeGreaterThan(4 * 2 * 100, "the results ZIP holds both models' PNG of each photo");
        stages.Should().HaveCount(3);
    }
}
