using System.Data.Common;
using System.Net.Sockets;
using Amazon.Runtime;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ColorPix.Web.Storage;

/// <summary>
/// Which storage failures mean "the database or the object store is down or overloaded right now" (503 with
/// Retry-After: try again later) rather than a defect (500): connection failures, server shutdowns and timeouts, a
/// busy SQLite file, S3 answering 5xx or not at all.
/// </summary>
public static class StorageOutage
{
    public const int RetryAfterSeconds = 5;

    public static bool Is(Exception e) => e switch
    {
        NpgsqlException npgsql => npgsql.IsTransient,
        SqliteException sqlite => sqlite.SqliteErrorCode is 5 or 6, // SQLITE_BUSY, SQLITE_LOCKED
        AmazonServiceException s3 => (int)s3.StatusCode >= 500 || s3.InnerException is { } inner && Is(inner),
        AmazonClientException or HttpRequestException or SocketException or TimeoutException => true,
        DbException { InnerException: { } inner } => Is(inner),
        _ => false,
    };
}
