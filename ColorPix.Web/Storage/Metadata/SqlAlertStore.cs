using Dapper;

namespace ColorPix.Web.Storage.Metadata;

internal sealed class SqlAlertStore(IDbConnectionFactory connections) : SqlStore(connections), IAlertStore
{
    private const string Columns = """
        id AS Id, kind AS Kind, subject AS Subject, body AS Body, status AS Status, attempts AS Attempts, next_attempt_at AS NextAttemptAt,
        last_error AS LastError, created_at AS CreatedAt, sent_at AS SentAt
        """;

    public async Task<AlertRecord> AddAsync(NewAlert alert, CancellationToken cancellationToken)
    {
        var sql = $"""
            INSERT INTO alerts (kind, subject, body, status, attempts, next_attempt_at, created_at)
            VALUES (@Kind, @Subject, @Body, @Status, 0, @CreatedAt, @CreatedAt)
            RETURNING {Columns}
            """;
        return (await WithConnectionAsync(c => c.QuerySingleAsync<AlertRow>(Command(sql, new
        {
            alert.Kind, alert.Subject, alert.Body, Status = Name(alert.Status), CreatedAt = Time(alert.CreatedAt),
        }, cancellationToken)), cancellationToken)).ToRecord();
    }

    public async Task<IReadOnlyList<AlertRecord>> ListAsync(int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var rows = await WithConnectionAsync(c => c.QueryAsync<AlertRow>(Command(
            $"SELECT {Columns} FROM alerts ORDER BY created_at DESC, id DESC LIMIT @Limit", new { Limit = limit }, cancellationToken)), cancellationToken);
        return rows.Select(r => r.ToRecord()).ToList();
    }

    public async Task<IReadOnlyList<AlertRecord>> ClaimDueAsync(DateTimeOffset now, DateTimeOffset leaseUntil, int limit, CancellationToken cancellationToken)
    {
        var due = await WithConnectionAsync(c => c.QueryAsync<AlertRow>(Command(
            $"SELECT {Columns} FROM alerts WHERE status = 'pending' AND next_attempt_at <= @Now ORDER BY next_attempt_at, id LIMIT @Limit",
            new { Now = Time(now), Limit = limit }, cancellationToken)), cancellationToken);
        var claimed = new List<AlertRecord>();
        foreach (var row in due)
        {
            // Moving next_attempt_at from the value read is the claim: of two senders, one UPDATE matches.
            var won = await WithConnectionAsync(c => c.ExecuteAsync(Command(
                "UPDATE alerts SET next_attempt_at = @Lease WHERE id = @Id AND status = 'pending' AND next_attempt_at = @Seen",
                new { row.Id, Lease = Time(leaseUntil), Seen = row.NextAttemptAt }, cancellationToken)), cancellationToken);
            if (won == 1) claimed.Add(row.ToRecord());
        }
        return claimed;
    }

    public Task RecordAttemptAsync(long id, DateTimeOffset at, string? error, DateTimeOffset? retryAt, CancellationToken cancellationToken)
    {
        var status = error is null ? AlertStatus.Sent : retryAt is null ? AlertStatus.Failed : AlertStatus.Pending;
        return WithConnectionAsync(c => c.ExecuteAsync(Command("""
            UPDATE alerts SET status = @Status, attempts = attempts + 1, last_error = @Error, next_attempt_at = @Next,
                sent_at = CASE WHEN @Sent THEN @At ELSE sent_at END
            WHERE id = @Id
            """, new { Id = id, Status = Name(status), Error = error, Next = Time(retryAt ?? at), Sent = error is null, At = Time(at) }, cancellationToken)),
            cancellationToken);
    }

    private static string Name(AlertStatus status) => status.ToString().ToLowerInvariant();

    private sealed class AlertRow
    {
        public long Id { get; init; }
        public string Kind { get; init; } = "";
        public string Subject { get; init; } = "";
        public string Body { get; init; } = "";
        public string Status { get; init; } = "";
        public long Attempts { get; init; }
        public object NextAttemptAt { get; init; } = "";
        public string? LastError { get; init; }
        public object CreatedAt { get; init; } = "";
        public object? SentAt { get; init; }

        public AlertRecord ToRecord() => new(Id, Kind, Subject, Body, Enum.Parse<AlertStatus>(Status, ignoreCase: true), (int)Attempts,
            SqlDialect.ReadTimestamp(NextAttemptAt), LastError, SqlDialect.ReadTimestamp(CreatedAt), SentAt is null ? null : SqlDialect.ReadTimestamp(SentAt));
    }
}
