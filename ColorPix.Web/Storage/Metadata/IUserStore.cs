using ColorPix.Core.Models;

namespace ColorPix.Web.Storage.Metadata;

/// <summary>
/// The users table. Hashing passwords is the caller's job (PasswordHasher); this store keeps the hash and only
/// returns it inside <see cref="UserAccount"/>, never in lists. Methods that change a user return false when the
/// id does not exist.
/// </summary>
public interface IUserStore
{
    /// <summary>Creates the user. Usernames are unique ignoring case ("Alice" blocks "alice").</summary>
    /// <exception cref="DuplicateUsernameException">The username is taken.</exception>
    Task<UserAccount> CreateAsync(NewUser user, CancellationToken cancellationToken);

    /// <summary>The user with this name, any case; null when there is none.</summary>
    Task<UserAccount?> FindByUsernameAsync(string username, CancellationToken cancellationToken);

    Task<UserAccount?> FindByIdAsync(long id, CancellationToken cancellationToken);

    /// <summary>Users ordered by id, without hashes.</summary>
    Task<IReadOnlyList<UserSummary>> ListAsync(UserListScope scope, CancellationToken cancellationToken);

    Task<bool> UpdatePasswordHashAsync(long id, string passwordHash, CancellationToken cancellationToken);

    /// <summary>null: no preference (code 0). See <see cref="PreferredModelCodes"/> for the API's 0/1/2.</summary>
    Task<bool> SetPreferredModelAsync(long id, ModelKind? model, CancellationToken cancellationToken);

    /// <summary>The consent given to new uploads unless the upload says otherwise.</summary>
    Task<bool> SetDefaultConsentAsync(long id, bool consent, CancellationToken cancellationToken);

    Task<bool> SetAdminAsync(long id, bool isAdmin, CancellationToken cancellationToken);

    /// <summary>So that the API can refuse to delete or demote the last administrator.</summary>
    Task<int> CountAdminsAsync(CancellationToken cancellationToken);

    /// <summary>Deletes the user with their images, colorizations and ratings (one transaction), and returns every
    /// object key those rows referenced, for the caller to delete; null when the user does not exist.</summary>
    Task<DeletedObjects?> DeleteAsync(long id, CancellationToken cancellationToken);
}
