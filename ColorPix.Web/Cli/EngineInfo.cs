using System.Reflection;
using System.Text.Json.Serialization;
using ColorPix.Torch;

namespace ColorPix.Web.Cli;

/// <summary>What the engine under ColorPix is and how it will run: what `colorpix info` shows.</summary>
public sealed record EngineInfo(
    string Version, string Libtorch, [property: JsonPropertyName("opencv")] string OpenCv, string Blas, string? BlasWarning, int Threads, IReadOnlyList<string> Devices)
{
    public static EngineInfo Collect()
    {
        var blas = torch.blas_library;
        var devices = new List<string> { "cpu" };
        for (var i = 0; i < torch.cuda.device_count(); i++) devices.Add($"cuda:{i}");
        return new EngineInfo(ProductVersion(), torch.version, torch.opencv_version, blas, BlasWarningFor(blas),
            torch.get_num_threads(), devices);
    }

    /// <summary>Debian's reference BLAS lives in .../blas/; with it a training step is about 10x slower.</summary>
    public static string? BlasWarningFor(string blasPath) =>
        blasPath.Contains("/blas/", StringComparison.Ordinal) && !blasPath.Contains("openblas", StringComparison.OrdinalIgnoreCase)
            ? "reference BLAS in use: training will be ~10x slower; install libopenblas0-openmp (scripts/setup.sh does)"
            : null;

    private static string ProductVersion()
    {
        var assembly = typeof(EngineInfo).Assembly;
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        return informational ?? assembly.GetName().Version?.ToString() ?? "unknown";
    }
}
