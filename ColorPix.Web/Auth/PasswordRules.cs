using System.Text.RegularExpressions;

namespace ColorPix.Web.Auth;

/// <summary>What a username and a password must be; the messages go to the user as they are.</summary>
public static partial class PasswordRules
{
    public const int MaxPasswordLength = 256;

    [GeneratedRegex("^[A-Za-z0-9_.-]{3,32}$")]
    private static partial Regex UsernamePattern();

    public static string? UsernameProblem(string? username) =>
        username is not null && UsernamePattern().IsMatch(username)
            ? null
            : "username must be 3 to 32 characters: letters, digits, '_', '.' or '-'";

    public static string? PasswordProblem(string? password, int minLength, string? username = null)
    {
        if (string.IsNullOrEmpty(password) || password.Length < minLength) return $"password must be at least {minLength} characters";
        if (password.Length > MaxPasswordLength) return $"password must be at most {MaxPasswordLength} characters";
        if (username is not null && password.Contains(username, StringComparison.OrdinalIgnoreCase)) return "password must not contain the username";
        return null;
    }
}
