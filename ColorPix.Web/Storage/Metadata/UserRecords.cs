using System.Text.Json.Serialization;
using ColorPix.Core.Models;

namespace ColorPix.Web.Storage.Metadata;

/// <summary>
/// A user as the authentication code needs it, password hash included. Never return it from an endpoint: map it
/// to <see cref="UserSummary"/> (<see cref="ToSummary"/>). As a second guard the hash is left out of JSON and of ToString.
/// </summary>
public sealed record UserAccount(
    long Id,
    string Username,
    [property: JsonIgnore] string PasswordHash,
    bool IsAdmin,
    ModelKind? PreferredModel,
    bool DefaultConsent,
    DateTimeOffset CreatedAt)
{
    public UserSummary ToSummary() => new(Id, Username, IsAdmin, PreferredModel, DefaultConsent, CreatedAt);

    public override string ToString() => ToSummary().ToString();
}

/// <summary>A user as lists and responses show it: there is no hash to leak.</summary>
public sealed record UserSummary(
    long Id,
    string Username,
    bool IsAdmin,
    ModelKind? PreferredModel,
    bool DefaultConsent,
    DateTimeOffset CreatedAt);

/// <param name="PasswordHash">A PasswordHasher&lt;T&gt; hash; the store never sees a password.</param>
public sealed record NewUser(
    string Username,
    string PasswordHash,
    bool IsAdmin,
    DateTimeOffset CreatedAt,
    ModelKind? PreferredModel = null,
    bool DefaultConsent = false)
{
    public override string ToString() => $"NewUser {{ Username = {Username}, IsAdmin = {IsAdmin} }}";
}

public enum UserListScope
{
    /// <summary>What /show_users lists: every user except the administrators.</summary>
    NonAdmins,
    All,
}

/// <summary>The username is taken, whatever its case.</summary>
public sealed class DuplicateUsernameException(string username, Exception? inner = null)
    : Exception($"the username '{username}' is already taken", inner)
{
    public string Username { get; } = username;
}

/// <summary>
/// The objects a deletion left without a row. The rows are already gone: the caller deletes these objects
/// (a failure there only leaves orphans that <see cref="Objects.OrphanSweeper"/> removes later).
/// </summary>
public sealed record DeletedObjects(IReadOnlyList<string> Keys)
{
    public static DeletedObjects None { get; } = new([]);
}

/// <summary>The public values of the preferred model: 0 none, 1 AutoEncoder, 2 Pix2Pix (the API's /user_setprefmodel).</summary>
public static class PreferredModelCodes
{
    public static int ToCode(ModelKind? model) => model switch
    {
        null => 0,
        ModelKind.AutoEncoder => 1,
        ModelKind.Pix2Pix => 2,
        _ => throw new ArgumentOutOfRangeException(nameof(model), model, "unknown model"),
    };

    public static ModelKind? FromCode(int code) => code switch
    {
        0 => null,
        1 => ModelKind.AutoEncoder,
        2 => ModelKind.Pix2Pix,
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "the preferred model is 0 (none), 1 (AutoEncoder) or 2 (Pix2Pix)"),
    };
}
