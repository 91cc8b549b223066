using System.Data.Common;
using Dapper;

namespace ColorPix.Web.Storage.Metadata;

/// <summary>The plumbing shared by the Dapper stores: one connection per operation, optional transaction.</summary>
internal abstract class SqlStore(IDbConnectionFactory connections)
{
    protected DatabaseProvider Provider => connections.Provider;

    protected object Time(DateTimeOffset value) => Provider.Timestamp(value);

    protected static CommandDefinition Command(string sql, object? parameters, CancellationToken cancellationToken, DbTransaction? transaction = null) =>
        new(sql, parameters, transaction, cancellationToken: cancellationToken);

    protected async Task<T> WithConnectionAsync<T>(Func<DbConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await work(connection);
    }

    /// <summary>Runs <paramref name="work"/> in a transaction, committed when it returns normally.</summary>
    protected async Task<T> InTransactionAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var result = await work(connection, transaction);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>Parameters for <c>IN (...)</c> built by hand: Dapper passes lists to Npgsql as one array parameter,
    /// which <c>IN</c> does not accept, so the same SQL would not run on both backends.</summary>
    protected static (string List, DynamicParameters Parameters) InList<T>(string name, IEnumerable<T> values)
    {
        var parameters = new DynamicParameters();
        var names = values.Select((value, i) =>
        {
            parameters.Add($"{name}{i}", value);
            return $"@{name}{i}";
        }).ToList();
        return (string.Join(", ", names), parameters);
    }
}
