using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using ColorPix.Core.Data;
using ColorPix.Core.Models;
using ColorPix.Tests.Storage.Servers;
using ColorPix.Web.Benchmarks;

namespace ColorPix.Tests.Api.Infrastructure;

/// <summary>
/// A real `colorpix serve` process (the test build's colorpix.dll) on a loopback port, configured through its
/// environment like a deployed replica: for the tests that signal it (SIGTERM, SIGKILL) and start it again. Its
/// output is kept for the failure messages.
/// </summary>
public sealed class ServeProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();

    public int Port { get; }
    public HttpClient Http { get; }
    public string Output => string.Join('\n', output);
    public bool HasExited => process.HasExited;
    public int ExitCode => process.ExitCode;

    private ServeProcess(IReadOnlyDictionary<string, string?> settings, int port)
    {
        Port = port;
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "colorpix.dll"), "--threads", "1", "serve", "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = RepoPaths.FindRoot(AppContext.BaseDirectory),
        };
        foreach (var (key, value) in ThrowawayServerSettings.AsEnvironment(settings)) start.Environment[key] = value;
        process = ChildProcess.Start(start, output.Enqueue, output.Enqueue);
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>The settings of a throwaway replica in <paramref name="folder"/> (its own SQLite file and object folder
    /// unless the caller puts shared storage on top) with the tests' tiny checkpoints.</summary>
    public static Dictionary<string, string?> Settings(string folder)
    {
        var settings = ThrowawayServerSettings.For(folder);
        settings["Models:AutoEncoder"] = TestCheckpoints.PathOf(ModelKind.AutoEncoder);
        settings["Models:Pix2Pix"] = TestCheckpoints.PathOf(ModelKind.Pix2Pix);
        return settings;
    }

    /// <summary>Starts the process and waits until /health/ready answers 200.</summary>
    public static async Task<ServeProcess> StartAsync(IReadOnlyDictionary<string, string?> settings, int? port = null)
    {
        var server = new ServeProcess(settings, port ?? ChildProcess.FreePort());
        try
        {
            await Eventually.UntilAsync(async () => server.HasExited || await server.ReadyAsync() == HttpStatusCode.OK, "the server is ready",
                TimeSpan.FromSeconds(120));
            if (server.HasExited) throw new InvalidOperationException($"colorpix serve exited with {server.ExitCode}:\n{server.Output}");
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Sends a signal: "TERM" asks for a graceful drain, "KILL" is a crash.</summary>
    public void Signal(string name) => Process.Start("kill", [$"-{name}", process.Id.ToString()])!.WaitForExit();

    /// <summary>Waits for the process to end; false if it is still running after <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>The status of /health/ready, or null when nothing answers.</summary>
    public async Task<HttpStatusCode?> ReadyAsync()
    {
        try
        {
            using var response = await Http.GetAsync("/health/ready");
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    private bool disposed;

    /// <summary>Kills the process if it still runs. Idempotent: a test may dispose a replica it then failed to restart.</summary>
    public async ValueTask DisposeAsync()
    {
        if (disposed) return;
        disposed = true;
        Http.Dispose();
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        process.Dispose();
    }
}
