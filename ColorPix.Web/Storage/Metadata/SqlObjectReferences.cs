using Dapper;

namespace ColorPix.Web.Storage.Metadata;

internal sealed class SqlObjectReferences(IDbConnectionFactory connections) : SqlStore(connections), IObjectReferences
{
    public async Task<IReadOnlySet<string>> ListReferencedKeysAsync(CancellationToken cancellationToken)
    {
        // Model paths too: a checkpoint kept in the object store is referenced by its registry row.
        var sql = $"{ObjectKeySql.KeysOfImages("1 = 1")} UNION ALL SELECT path FROM models UNION ALL SELECT checkpoint_key FROM models WHERE checkpoint_key IS NOT NULL";
        var keys = await WithConnectionAsync(c => c.QueryAsync<string>(Command(sql, null, cancellationToken)), cancellationToken);
        return keys.ToHashSet(StringComparer.Ordinal);
    }
}
