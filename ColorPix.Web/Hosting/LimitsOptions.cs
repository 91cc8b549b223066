using System.ComponentModel.DataAnnotations;

namespace ColorPix.Web.Hosting;

/// <summary>The `Limits` section: request sizes and rates that keep one user from loading the server.</summary>
public sealed class LimitsOptions
{
    public const string Section = "Limits";

    [Range(1024, 512L * 1024 * 1024)]
    public long MaxUploadBytes { get; set; } = 20L * 1024 * 1024;

    [Range(1, 400_000_000)]
    public long MaxPixels { get; set; } = 40_000_000;

    /// <summary>Sign-in attempts per client address per minute.</summary>
    [Range(1, 10_000)]
    public int LoginPerMinute { get; set; } = 10;

    /// <summary>Requests per signed-in user per minute, all routes together.</summary>
    [Range(1, 1_000_000)]
    public int RequestsPerMinute { get; set; } = 300;

    /// <summary>Uploads and colorizations per signed-in user per minute.</summary>
    [Range(1, 100_000)]
    public int ColorizePerMinute { get; set; } = 30;
}
