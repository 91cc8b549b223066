using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;

namespace ColorPix.Web.Storage.Metadata;

internal sealed class SqliteConnectionFactory : IDbConnectionFactory
{
    private readonly string _connectionString;
    private int _walChecked;

    public SqliteConnectionFactory(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            ForeignKeys = true, // SQLite ignores REFERENCES ... ON DELETE CASCADE unless each connection turns this on
            DefaultTimeout = 30, // seconds; Microsoft.Data.Sqlite also waits this long on a locked database
            Pooling = true,
        }.ToString();
    }

    public DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition("PRAGMA busy_timeout = 30000;", cancellationToken: cancellationToken));
            // WAL lets readers go on while a request writes; the mode is stored in the file, so once is enough.
            if (Interlocked.Exchange(ref _walChecked, 1) == 0)
                await connection.ExecuteAsync(new CommandDefinition("PRAGMA journal_mode = WAL;", cancellationToken: cancellationToken));
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
