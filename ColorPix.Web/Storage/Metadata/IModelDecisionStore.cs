using ColorPix.Core.Models;

namespace ColorPix.Web.Storage.Metadata;

/// <summary>What started a decision: the scheduled selection, or an administrator's promotion or rollback.</summary>
public enum DecisionTrigger { Schedule, Promote, Rollback }

/// <param name="NumbersJson">Every number the decision used (scores, metrics, ratings, rules), as a JSON object.</param>
/// <param name="DecidedBy">"schedule" or the administrator's username.</param>
public sealed record NewModelDecision(ModelKind Kind, DecisionTrigger Trigger, bool Promoted, string? ChampionVersion, string? ChallengerVersion,
    string Reason, string NumbersJson, string? MlflowRunId, string DecidedBy, DateTimeOffset DecidedAt);

public sealed record ModelDecision(long Id, ModelKind Kind, DecisionTrigger Trigger, bool Promoted, string? ChampionVersion, string? ChallengerVersion,
    string Reason, string NumbersJson, string? MlflowRunId, string DecidedBy, DateTimeOffset DecidedAt);

/// <summary>Every promotion decision, taken or refused, with its numbers: the history administrators see.</summary>
public interface IModelDecisionStore
{
    Task<ModelDecision> AddAsync(NewModelDecision decision, CancellationToken cancellationToken);

    /// <summary>The newest decisions first.</summary>
    Task<IReadOnlyList<ModelDecision>> ListAsync(int limit, CancellationToken cancellationToken);
}

/// <summary>Jobs that must run once per due time whatever the number of replicas.</summary>
public interface IJobSchedule
{
    /// <summary>Claims the job if it is due at <paramref name="now"/> (or was never scheduled), moving its next run to
    /// <paramref name="next"/>; true for exactly one caller per due time.</summary>
    Task<bool> TryClaimAsync(string job, DateTimeOffset now, DateTimeOffset next, CancellationToken cancellationToken);

    Task<DateTimeOffset?> NextRunAsync(string job, CancellationToken cancellationToken);
}
