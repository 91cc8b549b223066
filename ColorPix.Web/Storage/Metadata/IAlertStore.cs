namespace ColorPix.Web.Storage.Metadata;

/// <summary>pending: to be mailed; sent; logged: no mail server is configured; failed: every attempt failed.</summary>
public enum AlertStatus { Pending, Sent, Logged, Failed }

public sealed record NewAlert(string Kind, string Subject, string Body, AlertStatus Status, DateTimeOffset CreatedAt);

public sealed record AlertRecord(long Id, string Kind, string Subject, string Body, AlertStatus Status, int Attempts, DateTimeOffset NextAttemptAt,
    string? LastError, DateTimeOffset CreatedAt, DateTimeOffset? SentAt);

/// <summary>The alerts outbox (see migration 3).</summary>
public interface IAlertStore
{
    Task<AlertRecord> AddAsync(NewAlert alert, CancellationToken cancellationToken);

    /// <summary>The newest alerts first.</summary>
    Task<IReadOnlyList<AlertRecord>> ListAsync(int limit, CancellationToken cancellationToken);

    /// <summary>Pending alerts due at <paramref name="now"/>, each claimed for this caller until <paramref name="leaseUntil"/>
    /// (another sender skips it meanwhile).</summary>
    Task<IReadOnlyList<AlertRecord>> ClaimDueAsync(DateTimeOffset now, DateTimeOffset leaseUntil, int limit, CancellationToken cancellationToken);

    /// <summary>Records an attempt: sent, or failed with the next try at <paramref name="retryAt"/> (null: give up).</summary>
    Task RecordAttemptAsync(long id, DateTimeOffset at, string? error, DateTimeOffset? retryAt, CancellationToken cancellationToken);
}
