using Dapper;

namespace ColorPix.Web.Storage.Metadata;

internal sealed class SqlSharedSecretStore(IDbConnectionFactory connections) : SqlStore(connections), ISharedSecretStore
{
    public Task<string> GetOrAddAsync(string name, string candidate, DateTimeOffset now, CancellationToken cancellationToken) =>
        WithConnectionAsync(async c =>
        {
            await c.ExecuteAsync(Command(
                "INSERT INTO shared_secrets (name, value, created_at) VALUES (@Name, @Value, @Now) ON CONFLICT (name) DO NOTHING",
                new { Name = name, Value = candidate, Now = Time(now) }, cancellationToken));
            return await c.QuerySingleAsync<string>(Command("SELECT value FROM shared_secrets WHERE name = @Name", new { Name = name }, cancellationToken));
        }, cancellationToken);

    public async Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken cancellationToken) =>
        (await WithConnectionAsync(c => c.QueryAsync<string>(Command(
            // substr rather than LIKE: a name's '_' or '%' is never a wildcard.
            "SELECT value FROM shared_secrets WHERE substr(name, 1, @Length) = @Prefix ORDER BY created_at, name",
            new { Prefix = prefix, prefix.Length }, cancellationToken)), cancellationToken)).ToList();
}
