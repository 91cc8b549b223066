using System.Data.Common;
using ColorPix.Core.Models;
using Dapper;

namespace ColorPix.Web.Storage.Metadata;

internal sealed class SqlUserStore(IDbConnectionFactory connections) : SqlStore(connections), IUserStore
{
    private const string Columns = """
        id AS Id, username AS Username, password_hash AS PasswordHash, is_admin AS IsAdmin,
        preferred_model AS PreferredModel, default_consent AS DefaultConsent, created_at AS CreatedAt
        """;

    public async Task<UserAccount> CreateAsync(NewUser user, CancellationToken cancellationToken)
    {
        const string sql = """
            INSERT INTO users (username, username_key, password_hash, is_admin, preferred_model, default_consent, created_at)
            VALUES (@Username, @UsernameKey, @PasswordHash, @IsAdmin, @PreferredModel, @DefaultConsent, @CreatedAt)
            RETURNING id
            """;
        var preferred = PreferredModelCodes.ToCode(user.PreferredModel);
        try
        {
            var id = await WithConnectionAsync(c => c.ExecuteScalarAsync<long>(Command(sql, new
            {
                user.Username, UsernameKey = KeyOf(user.Username), user.PasswordHash, user.IsAdmin,
                PreferredModel = preferred, user.DefaultConsent, CreatedAt = Time(user.CreatedAt),
            }, cancellationToken)), cancellationToken);
            return (await FindByIdAsync(id, cancellationToken))!;
        }
        catch (DbException e) when (SqlDialect.IsUniqueViolation(e))
        {
            throw new DuplicateUsernameException(user.Username, e);
        }
    }

    public Task<UserAccount?> FindByUsernameAsync(string username, CancellationToken cancellationToken) =>
        FindAsync("username_key = @Key", new { Key = KeyOf(username) }, cancellationToken);

    public Task<UserAccount?> FindByIdAsync(long id, CancellationToken cancellationToken) =>
        FindAsync("id = @Id", new { Id = id }, cancellationToken);

    public async Task<IReadOnlyList<UserSummary>> ListAsync(UserListScope scope, CancellationToken cancellationToken)
    {
        var filter = scope == UserListScope.NonAdmins ? "WHERE NOT is_admin" : "";
        var rows = await WithConnectionAsync(c => c.QueryAsync<UserRow>(
            Command($"SELECT {Columns} FROM users {filter} ORDER BY id", null, cancellationToken)), cancellationToken);
        return rows.Select(r => r.ToAccount().ToSummary()).ToList();
    }

    public Task<bool> UpdatePasswordHashAsync(long id, string passwordHash, CancellationToken cancellationToken) =>
        UpdateAsync("password_hash = @Value", id, passwordHash, cancellationToken);

    public Task<bool> SetPreferredModelAsync(long id, ModelKind? model, CancellationToken cancellationToken) =>
        UpdateAsync("preferred_model = @Value", id, PreferredModelCodes.ToCode(model), cancellationToken);

    public Task<bool> SetDefaultConsentAsync(long id, bool consent, CancellationToken cancellationToken) =>
        UpdateAsync("default_consent = @Value", id, consent, cancellationToken);

    public Task<bool> SetAdminAsync(long id, bool isAdmin, CancellationToken cancellationToken) =>
        UpdateAsync("is_admin = @Value", id, isAdmin, cancellationToken);

    public Task<int> CountAdminsAsync(CancellationToken cancellationToken) =>
        WithConnectionAsync(c => c.ExecuteScalarAsync<int>(Command("SELECT COUNT(*) FROM users WHERE is_admin", null, cancellationToken)),
            cancellationToken);

    public Task<DeletedObjects?> DeleteAsync(long id, CancellationToken cancellationToken) =>
        InTransactionAsync<DeletedObjects?>(async (connection, transaction) =>
        {
            var keys = await connection.QueryAsync<string>(Command(ObjectKeySql.KeysOfImages("i.owner_id = @Id"), new { Id = id },
                cancellationToken, transaction));
            // Images, colorizations and ratings go with the user: ON DELETE CASCADE.
            var deleted = await connection.ExecuteAsync(Command("DELETE FROM users WHERE id = @Id", new { Id = id }, cancellationToken, transaction));
            return deleted == 0 ? null : new DeletedObjects(keys.ToList());
        }, cancellationToken);

    /// <summary>What uniqueness is decided on: "Alice" and "alice" are the same user.</summary>
    private static string KeyOf(string username) => username.ToLowerInvariant();

    private async Task<UserAccount?> FindAsync(string filter, object parameters, CancellationToken cancellationToken)
    {
        var row = await WithConnectionAsync(c => c.QuerySingleOrDefaultAsync<UserRow>(
            Command($"SELECT {Columns} FROM users WHERE {filter}", parameters, cancellationToken)), cancellationToken);
        return row?.ToAccount();
    }

    private async Task<bool> UpdateAsync(string assignment, long id, object value, CancellationToken cancellationToken) =>
        await WithConnectionAsync(c => c.ExecuteAsync(Command($"UPDATE users SET {assignment} WHERE id = @Id",
            new { Id = id, Value = value }, cancellationToken)), cancellationToken) == 1;

    private sealed class UserRow
    {
        public long Id { get; init; }
        public string Username { get; init; } = "";
        public string PasswordHash { get; init; } = "";
        public bool IsAdmin { get; init; }
        public int PreferredModel { get; init; }
        public bool DefaultConsent { get; init; }
        public object CreatedAt { get; init; } = "";

        public UserAccount ToAccount() => new(Id, Username, PasswordHash, IsAdmin, PreferredModelCodes.FromCode(PreferredModel),
            DefaultConsent, SqlDialect.ReadTimestamp(CreatedAt));
    }
}
