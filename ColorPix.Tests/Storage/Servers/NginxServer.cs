using System.Diagnostics;
using System.Text.RegularExpressions;
using ColorPix.Core.Data;

namespace ColorPix.Tests.Storage.Servers;

/// <summary>
/// Debian's nginx (installed by `scripts/setup.sh test`) on a loopback port, running the shipped
/// deploy/nginx/colorpix.conf with its replicas (colorpix-N:8080) pointed at loopback ports: the test proves the file
/// that production uses. Its logs and temp files stay in a folder of its own.
/// </summary>
internal sealed partial class NginxServer : IDisposable
{
    private const string Binary = "/usr/sbin/nginx";
    private readonly string folder;
    private readonly Process process;

    public int Port { get; }
    public string ErrorLog => File.Exists(Path.Combine(folder, "error.log")) ? File.ReadAllText(Path.Combine(folder, "error.log")) : "";

    private NginxServer(string folder, int port)
    {
        (this.folder, Port) = (folder, port);
        process = ChildProcess.Start(new ProcessStartInfo(Binary, ["-p", folder, "-c", Path.Combine(folder, "nginx.conf"), "-g", "daemon off;"]));
        ChildProcess.WaitForPortAsync(port, process, TimeSpan.FromSeconds(20)).GetAwaiter().GetResult();
    }

    /// <summary>nginx in front of the replicas listening on <paramref name="replicaPorts"/> (replica N of the file is
    /// the Nth port).</summary>
    public static NginxServer Start(IReadOnlyList<int> replicaPorts)
    {
        if (!File.Exists(Binary)) throw new InvalidOperationException($"nginx is not installed ({Binary} is missing): run `scripts/setup.sh test`");
        var folder = Directory.CreateTempSubdirectory("colorpix-nginx-").FullName;
        var port = ChildProcess.FreePort();
        var shipped = File.ReadAllText(Path.Combine(RepoPaths.FindRoot(AppContext.BaseDirectory), "deploy", "nginx", "colorpix.conf"));
        var replicas = ReplicaAddress().Matches(shipped).Count;
        if (replicas != replicaPorts.Count) throw new ArgumentException($"deploy/nginx/colorpix.conf names {replicas} replicas, not {replicaPorts.Count}");
        var site = ReplicaAddress().Replace(shipped, m => $"127.0.0.1:{replicaPorts[int.Parse(m.Groups[1].Value) - 1]}")
            .Replace("listen 80;", $"listen 127.0.0.1:{port};", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(folder, "colorpix.conf"), site);
        File.WriteAllText(Path.Combine(folder, "nginx.conf"), MainConfiguration(folder));
        return new NginxServer(folder, port);
    }

    // Run as root (CI), the workers would become "nobody" and could not write the buffered uploads to this folder.
    private static string MainConfiguration(string folder) => $$"""
        {{(Environment.IsPrivilegedProcess ? "user root;" : "")}}
        worker_processes 1;
        pid {{folder}}/nginx.pid;
        error_log {{folder}}/error.log warn;
        events { worker_connections 256; }
        http {
            access_log {{folder}}/access.log;
            client_body_temp_path {{folder}}/client-body;
            proxy_temp_path {{folder}}/proxy;
            fastcgi_temp_path {{folder}}/fastcgi;
            uwsgi_temp_path {{folder}}/uwsgi;
            scgi_temp_path {{folder}}/scgi;
            include {{folder}}/colorpix.conf;
        }
        """;

    [GeneratedRegex(@"colorpix-(\d+):8080")]
    private static partial Regex ReplicaAddress();

    public void Dispose()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        process.WaitForExit();
        process.Dispose();
        Directory.Delete(folder, recursive: true);
    }
}
