using System.Diagnostics;

namespace ColorPix.Core.Data;

/// <summary>Installs Debian packages with apt-get, only those dpkg does not already list as installed.</summary>
public static class DebianPackages
{
    public static bool IsInstalled(string package) =>
        Run("dpkg-query", ["-W", "-f=${Status}", package]) is (0, var status) && status.Contains("install ok installed");

    public static void EnsureInstalled(IEnumerable<string> packages, TextWriter output)
    {
        var missing = packages.Where(p => !IsInstalled(p)).ToList();
        if (missing.Count == 0) return;
        output.WriteLine($"installing {string.Join(" ", missing)} ...");
        var (code, text) = Run("apt-get", ["install", "-y", .. missing]);
        if (code != 0) throw new InvalidOperationException($"apt-get install {string.Join(" ", missing)} failed ({code}):\n{text}");
    }

    private static (int ExitCode, string Output) Run(string program, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        try
        {
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, stdout + stderr.Result);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, $"{program} cannot run: {e.Message}");
        }
    }
}
