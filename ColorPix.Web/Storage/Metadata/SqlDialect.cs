using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ColorPix.Web.Storage.Metadata;

/// <summary>What differs between SQLite and PostgreSQL once the SQL itself is shared: how timestamps travel
/// and how a unique-key violation looks.</summary>
internal static class SqlDialect
{
    // Fixed width and UTC, so SQLite's text timestamps sort in time order.
    private const string SqliteTimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    /// <summary>A timestamp as a query parameter: text for SQLite, a UTC value for timestamptz. Both are cut to
    /// microseconds (PostgreSQL's precision) so that a row reads back equal on either backend.</summary>
    public static object Timestamp(this DatabaseProvider provider, DateTimeOffset value)
    {
        var utc = value.ToUniversalTime();
        utc = utc.AddTicks(-(utc.Ticks % 10));
        return provider == DatabaseProvider.Sqlite ? utc.ToString(SqliteTimestampFormat, CultureInfo.InvariantCulture) : utc;
    }

    /// <summary>A timestamp column as read: text from SQLite, DateTime (UTC) from Npgsql.</summary>
    public static DateTimeOffset ReadTimestamp(object value) => value switch
    {
        string text => DateTimeOffset.ParseExact(text, SqliteTimestampFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
        DateTime time => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)),
        DateTimeOffset offset => offset,
        _ => throw new InvalidCastException($"a timestamp column held {value.GetType().Name}"),
    };

    public static bool IsUniqueViolation(DbException error) => error switch
    {
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode is 2067 or 1555, // SQLITE_CONSTRAINT_UNIQUE / _PRIMARYKEY
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };
}
