using System.Diagnostics;
using ColorPix.Core.Data;
using ColorPix.Web.Storage;

namespace ColorPix.Tests.Storage.Servers;

/// <summary>s3rver (tools/s3rver, installed by `scripts/setup.sh test`) on a loopback port, over a temp folder.</summary>
internal sealed class S3rverServer : IDisposable
{
    // s3rver's fixed credentials.
    private const string AccessKey = "S3RVER";
    private const string SecretKey = "S3RVER";

    private readonly string _folder;
    private Process _process;

    public int Port { get; }

    private S3rverServer(string folder, int port)
    {
        _folder = folder;
        Port = port;
        _process = Launch(folder, port);
    }

    public static S3rverServer Start()
    {
        var folder = Directory.CreateTempSubdirectory("colorpix-s3rver-").FullName;
        return new S3rverServer(folder, ChildProcess.FreePort());
    }

    /// <summary>Kills the server, as a crash or an outage would.</summary>
    public void Halt()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
        _process.Dispose();
    }

    /// <summary>Starts the server again, on the same port over the same folder (its objects are kept).</summary>
    public void Resume() => _process = Launch(_folder, Port);

    private static Process Launch(string folder, int port)
    {
        var script = Path.Combine(RepoPaths.FindRoot(AppContext.BaseDirectory), "tools", "s3rver", "node_modules", "s3rver", "bin", "s3rver.js");
        if (!File.Exists(script))
            throw new InvalidOperationException($"s3rver is not installed ({script} is missing): run `scripts/setup.sh test`");
        var start = new ProcessStartInfo("node");
        // s3rver encrypts listing continuation tokens with a cipher that OpenSSL 3 keeps in its legacy provider: without
        // it every truncated listing (a bucket with more objects than max-keys) fails with an internal error.
        foreach (var argument in new[] { "--openssl-legacy-provider", script, "--address", "127.0.0.1", "--port", port.ToString(), "--directory", folder, "--silent" })
            start.ArgumentList.Add(argument);
        var process = ChildProcess.Start(start);
        try
        {
            ChildProcess.WaitForPortAsync(port, process, TimeSpan.FromSeconds(20)).GetAwaiter().GetResult();
            return process;
        }
        catch
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            throw;
        }
    }

    /// <summary>Options for a bucket of this server; the bucket is created by EnsureBucketAsync, like in production.</summary>
    public S3StorageOptions Options(string bucket) => new()
    {
        ServiceUrl = $"http://127.0.0.1:{Port}", Bucket = bucket, AccessKey = AccessKey, SecretKey = SecretKey,
    };

    public void Dispose()
    {
        Halt();
        Directory.Delete(_folder, recursive: true);
    }
}
