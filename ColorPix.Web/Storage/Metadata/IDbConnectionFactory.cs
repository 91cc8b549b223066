using System.Data.Common;

namespace ColorPix.Web.Storage.Metadata;

/// <summary>Opens one connection per operation: cheap with Npgsql's pool and with SQLite files.</summary>
public interface IDbConnectionFactory
{
    DatabaseProvider Provider { get; }

    /// <summary>An open connection, configured for the store (SQLite: foreign keys on, busy timeout).</summary>
    Task<DbConnection> OpenAsync(CancellationToken cancellationToken);
}
