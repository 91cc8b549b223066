using ColorPix.Core.Models;

namespace ColorPix.Core.Inference;

/// <summary>
/// One forward pass as the queue saw it, for monitoring (<see cref="ColorizationQueue.BatchServed"/>): Core counts
/// nothing for a metrics library, it tells what happened and the host records it.
/// </summary>
/// <param name="Version">The model version that ran the batch; null when no model could be leased.</param>
/// <param name="QueueWaits">How long each request of the batch waited, from its queueing to the start of the pass.</param>
public sealed record BatchReport(ModelKind Kind, string? Version, TimeSpan Duration, IReadOnlyList<TimeSpan> QueueWaits, int Succeeded)
{
    public int Failed => QueueWaits.Count - Succeeded;
}
