using System.ComponentModel.DataAnnotations;

namespace ColorPix.Web.Auth;

/// <summary>The `Auth` section: token signing and lifetime, password rules, the first admin.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>HMAC-SHA256 key, at least 32 bytes. When empty, a key is generated once and kept in the shared database,
    /// so every replica signs and checks tokens with it (never in the source).</summary>
    public string SigningKey { get; set; } = "";
    public string Issuer { get; set; } = "colorpix";
    public string Audience { get; set; } = "colorpix-api";

    [Range(1, 60 * 24 * 30)]
    public int TokenLifetimeMinutes { get; set; } = 60;

    [Range(8, 128)]
    public int MinPasswordLength { get; set; } = 10;

    /// <summary>The first admin, created at first start when no admin exists. Without a password, one is generated
    /// and printed once.</summary>
    public string AdminUsername { get; set; } = "admin";
    public string AdminPassword { get; set; } = "";
}
