using Dapper;

namespace ColorPix.Web.Storage.Metadata;

/// <summary>What happened since a time: the counts of the daily report.</summary>
public sealed record ActivityCounts(long Users, long NewUsers, long Uploads, long Colorizations, long Ratings);

public interface IActivityCounts
{
    Task<ActivityCounts> SinceAsync(DateTimeOffset since, CancellationToken cancellationToken);
}

internal sealed class SqlActivityCounts(IDbConnectionFactory connections) : SqlStore(connections), IActivityCounts
{
    public Task<ActivityCounts> SinceAsync(DateTimeOffset since, CancellationToken cancellationToken) =>
        WithConnectionAsync(c => c.QuerySingleAsync<ActivityCounts>(Command("""
            SELECT (SELECT COUNT(*) FROM users) AS Users,
                   (SELECT COUNT(*) FROM users WHERE created_at >= @Since) AS NewUsers,
                   (SELECT COUNT(*) FROM images WHERE created_at >= @Since) AS Uploads,
                   (SELECT COUNT(*) FROM colorizations WHERE created_at >= @Since) AS Colorizations,
                   (SELECT COUNT(*) FROM ratings WHERE rated_at >= @Since) AS Ratings
            """, new { Since = Time(since) }, cancellationToken)), cancellationToken);
}
