using System.Reflection;
using ColorPix.Core.Engine;
using TorchSharp;

namespace ColorPix.Web.Cli;

/// <summary>What the engine under ColorPix is and how it will run: what `colorpix info` shows.</summary>
public sealed record EngineInfo(
    string Version, string TorchSharp, string Libtorch, int Threads, int InteropThreads,
    string? Mkl, string? OneDnn, string? Blas, string? CpuCapability, IReadOnlyList<string> Devices)
{
    public static EngineInfo Collect()
    {
        var devices = new List<string> { "cpu" };
        if (torch.cuda.is_available())
            for (var i = 0; i < torch.cuda.device_count(); i++) devices.Add($"cuda:{i}");
        return new EngineInfo(VersionOf(typeof(EngineInfo).Assembly), VersionOf(typeof(torch).Assembly), torch.__version__,
            torch.get_num_threads(), torch.get_num_interop_threads(),
            LibTorchBuild.Setting("USE_MKL"), LibTorchBuild.Setting("USE_MKLDNN"), LibTorchBuild.Setting("BLAS_INFO"),
            LibTorchBuild.Line("CPU capability usage")?.Split(':', 2)[1].Trim(), devices);
    }

    private static string VersionOf(Assembly assembly)
    {
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        return informational ?? assembly.GetName().Version?.ToString() ?? "unknown";
    }
}
