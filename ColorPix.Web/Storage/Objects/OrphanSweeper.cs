using ColorPix.Web.Storage.Metadata;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ColorPix.Web.Storage.Objects;

/// <summary>What one sweep looked at and removed.</summary>
public sealed record SweepReport(int Scanned, int Young, int Referenced, IReadOnlyList<string> Deleted, IReadOnlyList<string> Failed, int AbandonedWrites);

/// <summary>
/// Deletes objects that no row references and that are older than a grace period. Such objects come from the
/// write order (object first, row second) when the row write failed and its cleanup did too, or the process died in
/// between, and from deletions whose object cleanup failed. The same sweep deletes what interrupted writes left outside
/// any key (a local store's temp files). The grace period must be longer than any put-to-row gap, so an upload in
/// progress is never swept.
/// </summary>
public sealed class OrphanSweeper(IObjectStore objects, IObjectReferences references, TimeProvider clock, ILogger<OrphanSweeper>? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger<OrphanSweeper>.Instance;

    public async Task<SweepReport> SweepAsync(TimeSpan gracePeriod, CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow() - gracePeriod;
        // Objects first, references second: a row written meanwhile is then seen, so its object is kept.
        var candidates = new List<string>();
        int scanned = 0, young = 0;
        await foreach (var item in objects.ListAsync("", cancellationToken))
        {
            scanned++;
            if (item.LastModified > cutoff) young++;
            else candidates.Add(item.Key);
        }
        var referenced = await references.ListReferencedKeysAsync(cancellationToken);
        var orphans = candidates.Where(key => !referenced.Contains(key)).ToList();
        var failed = await objects.DeleteAllAsync(orphans, cancellationToken);
        var deleted = orphans.Except(failed).ToList();
        var abandoned = await objects.DeleteAbandonedWritesAsync(cutoff, cancellationToken);

        var report = new SweepReport(scanned, young, candidates.Count - orphans.Count, deleted, failed, abandoned);
        if (deleted.Count > 0 || failed.Count > 0 || abandoned > 0)
            _logger.LogInformation("Orphan sweep: {Scanned} objects, {Deleted} unreferenced deleted, {Failed} could not be deleted, {Abandoned} abandoned writes deleted",
                scanned, deleted.Count, failed.Count, abandoned);
        return report;
    }
}
