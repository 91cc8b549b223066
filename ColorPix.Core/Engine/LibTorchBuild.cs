using System.Runtime.InteropServices;

namespace ColorPix.Core.Engine;

/// <summary>
/// How the loaded libtorch was built (its `torch.__config__.show()`): TorchSharp does not expose it, so it is read
/// from libtorch_cpu's exported <c>at::show_config()</c>. That is a C++ function returning std::string, called here
/// with the Itanium ABI's hidden result pointer; it is Linux x64 only, asked once per process, and any failure just
/// means "unknown" for `colorpix info`.
/// </summary>
public static unsafe class LibTorchBuild
{
    private static readonly Lazy<string?> Text = new(Read);

    /// <summary>The whole build summary, or null when it cannot be read on this platform.</summary>
    public static string? Configuration => Text.Value;

    /// <summary>The value of one "KEY=VALUE" setting of the build (e.g. USE_MKLDNN, BLAS_INFO), or null.</summary>
    public static string? Setting(string key)
    {
        var prefix = key + "=";
        // "  - Build settings: BLAS_INFO=mkl, BUILD_TYPE=Release, ..., USE_MKLDNN=ON, ..."
        return Configuration?.Split([',', '\n', ' '], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(s => s.StartsWith(prefix, StringComparison.Ordinal))?[prefix.Length..];
    }

    /// <summary>A line of the summary starting with the given words (e.g. "CPU capability usage"), or null.</summary>
    public static string? Line(string start) =>
        Configuration?.Split('\n').Select(l => l.Trim(' ', '-')).FirstOrDefault(l => l.StartsWith(start, StringComparison.Ordinal));

    [DllImport("torch_cpu", EntryPoint = "_ZN2at11show_configB5cxx11Ev")]
    private static extern void ShowConfig(byte* result);

    private static string? Read()
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture != Architecture.X64) return null;
        try
        {
            // libstdc++'s std::string: { char* data; size_t length; char local[16] }. Its heap buffer (when longer than
            // 15 chars) is left alone: a few KB, once per process, rather than freeing memory we did not allocate.
            var result = stackalloc byte[32];
            ShowConfig(result);
            var data = *(byte**)result;
            var length = *(long*)(result + 8);
            return length is > 0 and < 1 << 20 ? System.Text.Encoding.UTF8.GetString(data, (int)length) : null;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }
}
