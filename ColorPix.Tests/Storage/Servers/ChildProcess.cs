using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ColorPix.Tests.Storage.Servers;

/// <summary>Runs the tools the test servers need, with their output in the error when they fail.</summary>
internal static class ChildProcess
{
    public static void Run(string workingDirectory, params string[] command)
    {
        var start = new ProcessStartInfo(command[0]) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in command.Skip(1)) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(1))) process.Kill(entireProcessTree: true);
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"`{string.Join(' ', command)}` exited with {process.ExitCode}:\n{output.Result}\n{error.Result}");
    }

    /// <summary>Starts a long-running server with its output read line by line (a full pipe would block it): each line
    /// goes to <paramref name="onOutput"/> / <paramref name="onError"/>, or nowhere.</summary>
    public static Process Start(ProcessStartInfo start, Action<string>? onOutput = null, Action<string>? onError = null)
    {
        start.RedirectStandardOutput = start.RedirectStandardError = true;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, line) => { if (line.Data is { } text) onOutput?.Invoke(text); };
        process.ErrorDataReceived += (_, line) => { if (line.Data is { } text) onError?.Invoke(text); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>A loopback port free right now (a server started just after will almost always get it).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static async Task WaitForPortAsync(int port, Process server, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (server.HasExited) throw new InvalidOperationException($"the server exited with {server.ExitCode} before listening on {port}");
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }
        throw new TimeoutException($"nothing listened on 127.0.0.1:{port} within {timeout.TotalSeconds} s");
    }
}
