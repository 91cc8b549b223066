namespace ColorPix.Web.Storage.Metadata;

/// <summary>Fixed-window hit counters shared by the replicas (migration 5), so a limit holds for a user or an address
/// whichever replica the proxy sends them to.</summary>
public interface IRateLimitStore
{
    /// <summary>Counts one hit in <paramref name="bucket"/>'s window starting at <paramref name="windowStart"/> (Unix
    /// seconds) and returns the window's hits, this one included. Atomic across replicas.</summary>
    Task<long> HitAsync(string bucket, long windowStart, CancellationToken cancellationToken);

    /// <summary>Deletes the windows that started before <paramref name="before"/> (Unix seconds); returns how many.</summary>
    Task<int> PruneAsync(long before, CancellationToken cancellationToken);
}
