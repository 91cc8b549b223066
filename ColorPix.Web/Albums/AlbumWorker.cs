using ColorPix.Core.Inference;
using ColorPix.Web.Hosting;
using ColorPix.Web.Photos;
using ColorPix.Web.Storage;
using ColorPix.Web.Storage.Metadata;
using Microsoft.Extensions.Options;

namespace ColorPix.Web.Albums;

/// <summary>
/// Colorizes the albums' pending photos, <see cref="AlbumOptions.Workers"/> at a time, each exactly as GET /colorize
/// would (<see cref="PhotoColorizer"/>: the same queue, the same memory budget). The work list is the database, so a
/// restart carries on where the last process stopped, and replicas share it (an entry is claimed by lease). A busy
/// service (queue full, memory spent, a model being swapped, storage down) only postpones a photo, up to
/// <see cref="AlbumOptions.MaxAttempts"/>; a photo the models cannot process is marked failed with the reason.
/// </summary>
internal sealed class AlbumWorker(IAlbumStore albums, IUserStore users, IImageStore images, PhotoColorizer colorizer, AlbumSignal signal,
    IOptions<AlbumOptions> options, TimeProvider clock, ILogger<AlbumWorker> log) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, options.Value.Workers).Select(_ => Task.Run(() => LoopAsync(stoppingToken), stoppingToken)));

    private async Task LoopAsync(CancellationToken stopping)
    {
        var o = options.Value;
        while (!stopping.IsCancellationRequested)
        {
            var wake = signal.Next;
            try
            {
                var now = clock.GetUtcNow();
                if (await albums.ClaimNextAsync(now, now.AddSeconds(o.LeaseSeconds), stopping) is { } work)
                {
                    await ProcessAsync(work, o, stopping);
                    continue;
                }
            }
            catch (Exception e) when (!stopping.IsCancellationRequested)
            {
                // Never out of the loop: a background service that throws stops the whole host.
                log.LogWarning("the album worker could not read or record its work: {Error}", e.Message);
            }
            try { await wake.WaitAsync(TimeSpan.FromSeconds(o.PollSeconds), clock, stopping); }
            catch (TimeoutException) { /* poll */ }
            catch (OperationCanceledException) { return; }
        }
    }

    private async Task ProcessAsync(AlbumWork work, AlbumOptions o, CancellationToken stopping)
    {
        try
        {
            var user = await users.FindByIdAsync(work.OwnerId, stopping);
            var image = user is null ? null : await images.GetForOwnerAsync(user.Id, work.ImageId, stopping);
            if (user is null || image is null) return; // deleted meanwhile: its entry went with it
            var (available, problem) = colorizer.ModelsFor(user);
            if (problem is not null)
            {
                await PostponeAsync(work, o, problem);
                return;
            }
            await colorizer.ColorizeAsync(image, available, stopping);
            await albums.FinishAsync(work, AlbumEntryStatus.Done, null, clock.GetUtcNow(), CancellationToken.None);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping: the photo is due again at once, for the next start or another replica.
            await albums.RetryLaterAsync(work, "interrupted by a restart", clock.GetUtcNow(), CancellationToken.None);
        }
        catch (Exception e) when (IsBusy(e))
        {
            await PostponeAsync(work, o, ProblemMapping.Classify(e).Detail ?? e.Message);
        }
        catch (Exception e)
        {
            // What a client would have been told for this photo, never the server's insides (those go to the log).
            var (_, title, detail, _) = ProblemMapping.Classify(e);
            log.LogError(e, "album {Album} photo {Position} failed", work.AlbumId, work.Position);
            await albums.FinishAsync(work, AlbumEntryStatus.Failed, $"{title}: {detail}", clock.GetUtcNow(), CancellationToken.None);
        }
    }

    private Task PostponeAsync(AlbumWork work, AlbumOptions o, string detail) => work.Attempts >= o.MaxAttempts
        ? albums.FinishAsync(work, AlbumEntryStatus.Failed, $"gave up after {work.Attempts} attempts: {detail}", clock.GetUtcNow(), CancellationToken.None)
        : albums.RetryLaterAsync(work, $"waiting to retry: {detail}", clock.GetUtcNow() + o.Backoff(work.Attempts), CancellationToken.None);

    private static bool IsBusy(Exception e) =>
        e is QueueFullException or MemoryBusyException or ModelUnavailableException or ModelResizedException || StorageOutage.Is(e);
}
