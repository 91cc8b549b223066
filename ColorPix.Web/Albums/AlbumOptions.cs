using System.ComponentModel.DataAnnotations;

namespace ColorPix.Web.Albums;

/// <summary>The `Albums` section: the background worker that colorizes albums. What an upload may hold is in `Limits`.</summary>
public sealed class AlbumOptions
{
    public const string Section = "Albums";

    /// <summary>Photos this process colorizes at once for albums (each through the same queue and memory budget as a
    /// single request); 0 turns the worker off here, for a replica that only serves requests.</summary>
    [Range(0, 64)]
    public int Workers { get; set; } = 2;

    /// <summary>How often an idle worker looks for work it was not told about (another replica's album, a retry that is due).</summary>
    [Range(0.05, 3600)]
    public double PollSeconds { get; set; } = 2;

    /// <summary>How long a claimed photo stays claimed: a process that died with it gives it up after this long.
    /// Colorizing a photo twice is harmless (its results are stored once), so this only bounds the delay.</summary>
    [Range(1, 86_400)]
    public int LeaseSeconds { get; set; } = 300;

    /// <summary>Attempts at a photo when the service is busy (queue full, memory budget spent, model being swapped)
    /// before it is marked failed; each wait doubles from <see cref="RetrySeconds"/>.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 8;

    [Range(0.01, 3600)]
    public double RetrySeconds { get; set; } = 2;

    public TimeSpan Backoff(int attempts) => TimeSpan.FromSeconds(RetrySeconds * Math.Pow(2, Math.Min(attempts - 1, 12)));
}
