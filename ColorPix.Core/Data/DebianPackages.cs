using System.Diagnostics;

namespace ColorPix.Core.Data;

/// <summary>Installs Debian packages with apt-get (only those dpkg does not already list as installed), or downloads
/// and unpacks them without installing.</summary>
public static class DebianPackages
{
    /// <summary>The version apt would download now (apt-cache policy's Candidate), or null when apt knows no such package.</summary>
    public static string? CandidateVersion(string package)
    {
        if (Run("apt-cache", ["policy", package]) is not (0, var text)) return null;
        var line = text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("Candidate:", StringComparison.Ordinal));
        var version = line?["Candidate:".Length..].Trim();
        return version is null or "" or "(none)" ? null : version;
    }

    /// <summary>Downloads PACKAGE=VERSION's .deb into <paramref name="folder"/> (apt-get download, as the caller's user)
    /// and returns its path.</summary>
    public static string Download(string package, string version, string folder)
    {
        Directory.CreateDirectory(folder);
        var (code, text) = Run("apt-get", ["download", $"{package}={version}"], folder);
        if (code != 0) throw new InvalidOperationException($"apt-get download {package}={version} failed ({code}):\n{text}");
        return Directory.GetFiles(folder, package + "_*.deb").FirstOrDefault(d => ControlField(d, "Version") == version)
               ?? throw new InvalidOperationException($"apt-get download {package}={version} left no .deb of that version in {folder}");
    }

    /// <summary>A field of a .deb's control file (dpkg-deb --field), or null.</summary>
    public static string? ControlField(string deb, string field) =>
        Run("dpkg-deb", ["--field", deb, field]) is (0, var value) && value.Trim().Length > 0 ? value.Trim() : null;

    /// <summary>Unpacks a .deb's files into <paramref name="destination"/> (dpkg -x): nothing is installed.</summary>
    public static void Extract(string deb, string destination)
    {
        Directory.CreateDirectory(destination);
        var (code, text) = Run("dpkg", ["-x", deb, destination]);
        if (code != 0) throw new InvalidOperationException($"dpkg -x {deb} failed ({code}):\n{text}");
    }

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

    private static (int ExitCode, string Output) Run(string program, IEnumerable<string> arguments, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (workingDirectory is not null) start.WorkingDirectory = workingDirectory;
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
