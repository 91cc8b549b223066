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

    private readonly Process _process;
    private readonly string _folder;

    public int Port { get; }

    private S3rverServer(Process process, string folder, int port)
    {
        _process = process;
        _folder = folder;
        Port = port;
    }

    public static S3rverServer Start()
    {
        var script = Path.Combine(RepoPaths.FindRoot(AppContext.BaseDirectory), "tools", "s3rver", "node_modules", "s3rver", "bin", "s3rver.js");
        if (!File.Exists(script))
            throw new InvalidOperationException($"s3rver is not installed ({script} is missing): run `scripts/setup.sh test`");

        var folder = Directory.CreateTempSubdirectory("colorpix-s3rver-").FullName;
        var port = ChildProcess.FreePort();
        var start = new ProcessStartInfo("node") { RedirectStandardError = true, RedirectStandardOutput = true };
        // s3rver encrypts listing continuation tokens with a cipher that OpenSSL 3 keeps in its legacy provider: without
        // it every truncated listing (a bucket with more objects than max-keys) fails with an internal error.
        foreach (var argument in new[] { "--openssl-legacy-provider", script, "--address", "127.0.0.1", "--port", port.ToString(), "--directory", folder, "--silent" })
            start.ArgumentList.Add(argument);
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new S3rverServer(process, folder, port);
        try
        {
            ChildProcess.WaitForPortAsync(port, process, TimeSpan.FromSeconds(20)).GetAwaiter().GetResult();
            return server;
        }
        catch
        {
            server.Dispose();
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
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
        _process.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
