using System.Diagnostics;
using System.Text.Json;

namespace ColorPix.Training.Benchmarks;

/// <summary>Runs a benchmark script shipped next to the assemblies with Debian's python3-torch, when installed.</summary>
public static class PythonTorch
{
    // Debian's python3-torch lives with the system interpreter, not with whatever python3 is first on PATH.
    public const string Interpreter = "/usr/bin/python3";

    public static (JsonElement? Result, string? Note) Run(string script, IEnumerable<object> args)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Benchmarks", script);
        if (!File.Exists(Interpreter)) return (null, $"{Interpreter} not found: install python3-torch to compare with PyTorch");
        var start = new ProcessStartInfo(Interpreter) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(path);
        foreach (var a in args) start.ArgumentList.Add(Convert.ToString(a, System.Globalization.CultureInfo.InvariantCulture)!);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            var error = stderr.Result;
            return (null, error.Contains("No module named 'torch'")
                ? "python3-torch is not installed: no PyTorch comparison (apt-get install python3-torch)"
                : $"the PyTorch run failed: {error.Trim().Split('\n').LastOrDefault()}");
        }
        var lastLine = stdout.Result.Trim().Split('\n').Last();
        return (JsonDocument.Parse(lastLine).RootElement.Clone(), null);
    }
}
