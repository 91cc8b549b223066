using System.Text.Json;
using ColorPix.Core.Engine;
using ColorPix.Core.Inference;
using ColorPix.Core.Models;
using ColorPix.Web.Alerts;
using ColorPix.Web.Storage.Metadata;

namespace ColorPix.Web.Lifecycle;

/// <summary>A promotion that cannot be attempted: the version is unknown (404), already champion or there is nothing to
/// roll back to (409).</summary>
public sealed class PromotionException(int status, string message) : Exception(message)
{
    public int Status { get; } = status;
}

/// <summary>
/// Champion changes, by an administrator or the schedule: the version is fetched and checked (loaded and a canary
/// colorization) before the database changes, so a broken version is refused and the champion keeps serving. Every
/// outcome is recorded as a decision; the MLflow alias follows; this process then switches at once, the others at their
/// next sync.
/// </summary>
public sealed class ModelPromotion(IModelRegistry registry, IModelDecisionStore decisions, ModelVersions versions, ChampionSync sync,
    ModelCatalog catalog, AlertOutbox alerts, TimeProvider clock)
{
    /// <summary>Promotes the version, or refuses it when it fails to load or to pass its check: the decision says which
    /// (a refused version is rejected and the champion keeps serving).</summary>
    public async Task<ModelDecision> PromoteAsync(ModelKind kind, string version, DecisionTrigger trigger, string decidedBy, CancellationToken cancellationToken,
        string? reason = null, string numbersJson = "{}", string? mlflowRunId = null)
    {
        var record = await registry.GetAsync(kind, version, cancellationToken)
            ?? throw new PromotionException(404, $"{kind.Name()} version {version} is not registered");
        if (record.IsChampion) throw new PromotionException(409, $"{kind.Name()} {version} is already the champion");
        var champion = await registry.GetChampionAsync(kind, cancellationToken);
        try
        {
            var path = await versions.FetchAsync(record, cancellationToken);
            await Task.Run(() => ModelCatalog.Check(path, kind, catalog.Device), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var problem = $"{kind.Name()} {version} was refused: {EngineErrors.MessageOf(e)}";
            await registry.SetStatusAsync(kind, version, VersionStatus.Rejected, cancellationToken);
            var refused = await decisions.AddAsync(new NewModelDecision(kind, trigger, false, champion?.Version, version,
                problem + (champion is null ? "" : $"; {champion.Version} stays champion"), numbersJson, mlflowRunId, decidedBy, clock.GetUtcNow()), cancellationToken);
            await alerts.TryRaiseAsync("promotion-refused", $"{kind.Name()} {version} was refused", Describe(refused), cancellationToken);
            return refused;
        }
        await registry.SetChampionAsync(kind, version, clock.GetUtcNow(), cancellationToken);
        versions.MirrorAlias(record, ModelVersions.ChampionAlias);
        var decision = await decisions.AddAsync(new NewModelDecision(kind, trigger, true, champion?.Version, version,
            reason ?? $"{decidedBy} made {version} champion" + (champion is null ? "" : $" in place of {champion.Version}"), numbersJson, mlflowRunId, decidedBy,
            clock.GetUtcNow()), cancellationToken);
        await sync.SyncAsync(cancellationToken);
        await alerts.TryRaiseAsync("promotion", $"{kind.Name()} {version} is the new champion", Describe(decision), cancellationToken);
        return decision;
    }

    /// <summary>A decision as the text of its alert: what happened, why, who, and every number.</summary>
    internal static string Describe(ModelDecision d) =>
        $"""
        Model: {d.Kind.Name()}
        Outcome: {(d.Promoted ? "promoted" : "refused")} ({d.Trigger.ToString().ToLowerInvariant()}, by {d.DecidedBy}, {d.DecidedAt:u})
        Champion before: {d.ChampionVersion ?? "none"}
        Version: {d.ChallengerVersion ?? "none"}
        Reason: {d.Reason}
        Numbers: {d.NumbersJson}
        """;

    /// <summary>Makes the previous champion (the retired version crowned most recently) champion again.</summary>
    public async Task<ModelDecision> RollbackAsync(ModelKind kind, string decidedBy, CancellationToken cancellationToken)
    {
        var previous = (await registry.ListAsync(cancellationToken))
            .Where(m => m.Kind == kind && m.Status == VersionStatus.Retired && m.ChampionSince is not null)
            .MaxBy(m => m.ChampionSince)
            ?? throw new PromotionException(409, $"{kind.Name()} has no previous champion to roll back to");
        var champion = await registry.GetChampionAsync(kind, cancellationToken);
        return await PromoteAsync(kind, previous.Version, DecisionTrigger.Rollback, decidedBy, cancellationToken,
            $"{decidedBy} rolled {kind.Name()} back to {previous.Version}" + (champion is null ? "" : $" from {champion.Version}"),
            JsonSerializer.Serialize(new { from = champion?.Version, to = previous.Version }));
    }
}
