using ColorPix.Core.Models;
using Dapper;

namespace ColorPix.Web.Storage.Metadata;

internal sealed class SqlModelDecisionStore(IDbConnectionFactory connections) : SqlStore(connections), IModelDecisionStore
{
    private const string Columns = """
        id AS Id, kind AS Kind, trigger AS Trigger, outcome AS Outcome, champion_version AS ChampionVersion,
        challenger_version AS ChallengerVersion, reason AS Reason, numbers_json AS NumbersJson, mlflow_run_id AS MlflowRunId,
        decided_by AS DecidedBy, decided_at AS DecidedAt
        """;

    public async Task<ModelDecision> AddAsync(NewModelDecision d, CancellationToken cancellationToken)
    {
        var sql = $"""
            INSERT INTO model_decisions (kind, trigger, outcome, champion_version, challenger_version, reason, numbers_json, mlflow_run_id, decided_by, decided_at)
            VALUES (@Kind, @Trigger, @Outcome, @ChampionVersion, @ChallengerVersion, @Reason, @NumbersJson, @MlflowRunId, @DecidedBy, @DecidedAt)
            RETURNING {Columns}
            """;
        var row = await WithConnectionAsync(c => c.QuerySingleAsync<DecisionRow>(Command(sql, new
        {
            Kind = d.Kind.Name(), Trigger = d.Trigger.ToString().ToLowerInvariant(), Outcome = d.Promoted ? "promoted" : "refused",
            d.ChampionVersion, d.ChallengerVersion, d.Reason, d.NumbersJson, d.MlflowRunId, d.DecidedBy, DecidedAt = Time(d.DecidedAt),
        }, cancellationToken)), cancellationToken);
        return row.ToRecord();
    }

    public async Task<IReadOnlyList<ModelDecision>> ListAsync(int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var rows = await WithConnectionAsync(c => c.QueryAsync<DecisionRow>(Command(
            $"SELECT {Columns} FROM model_decisions ORDER BY decided_at DESC, id DESC LIMIT @Limit", new { Limit = limit }, cancellationToken)), cancellationToken);
        return rows.Select(r => r.ToRecord()).ToList();
    }

    private sealed class DecisionRow
    {
        public long Id { get; init; }
        public string Kind { get; init; } = "";
        public string Trigger { get; init; } = "";
        public string Outcome { get; init; } = "";
        public string? ChampionVersion { get; init; }
        public string? ChallengerVersion { get; init; }
        public string Reason { get; init; } = "";
        public string NumbersJson { get; init; } = "";
        public string? MlflowRunId { get; init; }
        public string DecidedBy { get; init; } = "";
        public object DecidedAt { get; init; } = "";

        public ModelDecision ToRecord() => new(Id, ModelKinds.Parse(Kind), Enum.Parse<DecisionTrigger>(Trigger, ignoreCase: true), Outcome == "promoted",
            ChampionVersion, ChallengerVersion, Reason, NumbersJson, MlflowRunId, DecidedBy, SqlDialect.ReadTimestamp(DecidedAt));
    }
}

internal sealed class SqlJobSchedule(IDbConnectionFactory connections) : SqlStore(connections), IJobSchedule
{
    public async Task<bool> TryClaimAsync(string job, DateTimeOffset now, DateTimeOffset next, CancellationToken cancellationToken)
    {
        // The first claim inserts the row; later ones move it only while it is due. Either way one statement decides.
        const string sql = """
            INSERT INTO scheduled_jobs (name, next_run_at) VALUES (@Job, @Next)
            ON CONFLICT (name) DO UPDATE SET next_run_at = excluded.next_run_at WHERE scheduled_jobs.next_run_at <= @Now
            """;
        var changed = await WithConnectionAsync(c => c.ExecuteAsync(Command(sql, new { Job = job, Now = Time(now), Next = Time(next) }, cancellationToken)),
            cancellationToken);
        return changed == 1;
    }

    public async Task<DateTimeOffset?> NextRunAsync(string job, CancellationToken cancellationToken)
    {
        var value = await WithConnectionAsync(c => c.ExecuteScalarAsync<object?>(Command(
            "SELECT next_run_at FROM scheduled_jobs WHERE name = @Job", new { Job = job }, cancellationToken)), cancellationToken);
        return value is null ? null : SqlDialect.ReadTimestamp(value);
    }
}
