using System.Security.Cryptography;

namespace ColorPix.Web.Benchmarks;

/// <summary>The settings of a benchmark's own server: a throwaway SQLite database and object folder, fresh secrets,
/// and limits that never refuse the benchmark's traffic. Keys in configuration form ("Section:Key").</summary>
internal static class ThrowawayServerSettings
{
    public static Dictionary<string, string?> For(string folder) => new()
    {
        ["Logging:LogLevel:Default"] = "Warning",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Error",
        ["Database:Provider"] = "sqlite",
        ["Database:ConnectionString"] = "",
        ["Database:SqlitePath"] = Path.Combine(folder, "colorpix.db"),
        ["ObjectStorage:Provider"] = "local",
        ["ObjectStorage:LocalPath"] = Path.Combine(folder, "objects"),
        ["ObjectStorage:Sweep:IntervalMinutes"] = "0",
        ["Registry:CacheDirectory"] = Path.Combine(folder, "model-cache"),
        ["Registry:Mlruns"] = Path.Combine(folder, "mlruns"),
        ["Selection:Enabled"] = "false",
        ["Report:Enabled"] = "false",
        ["Drift:Enabled"] = "false",
        // Throwaway secrets: nothing outside this run ever sees them, and none is printed.
        ["Auth:SigningKey"] = Secret(),
        ["Auth:AdminPassword"] = Secret(),
        ["Limits:LoginPerMinute"] = "10000",
        ["Limits:RequestsPerMinute"] = "1000000",
        ["Limits:ColorizePerMinute"] = "100000",
    };

    /// <summary>The same settings as environment variables of a child process ("Section__Key").</summary>
    public static Dictionary<string, string> AsEnvironment(IReadOnlyDictionary<string, string?> settings) =>
        settings.ToDictionary(p => p.Key.Replace(":", "__", StringComparison.Ordinal), p => p.Value ?? "");

    public static string Secret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(36));
}
