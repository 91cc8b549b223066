using Npgsql;

namespace ColorPix.Tests.Storage.Servers;

/// <summary>
/// A throwaway PostgreSQL 15 cluster on a loopback port with trust authentication, in its own folder under /tmp,
/// stopped and deleted at the end of the run. PostgreSQL refuses to run as root, so as root the cluster belongs to
/// the postgres user.
/// </summary>
internal sealed class PostgresServer : IDisposable
{
    private const string BinFolder = "/usr/lib/postgresql/15/bin";
    private const string Superuser = "postgres";

    private readonly string _folder;
    private readonly string _data;

    public int Port { get; }

    private PostgresServer(string folder, int port)
    {
        _folder = folder;
        _data = Path.Combine(folder, "data");
        Port = port;
    }

    public static PostgresServer Start()
    {
        if (!File.Exists(Path.Combine(BinFolder, "initdb")) || !File.Exists(Path.Combine(BinFolder, "pg_ctl")))
            throw new InvalidOperationException(
                $"PostgreSQL 15 server binaries are missing from {BinFolder}: run `scripts/setup.sh test` (it installs `postgresql`)");

        var folder = Path.Combine(Path.GetTempPath(), $"colorpix-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        if (Environment.IsPrivilegedProcess) ChildProcess.Run(folder, "chown", $"{Superuser}:{Superuser}", folder);
        var server = new PostgresServer(folder, ChildProcess.FreePort());
        try
        {
            server.AsOwner("initdb", "-D", server._data, "-U", Superuser, "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync");
            // fsync off: a test cluster has nothing to lose and commits get much cheaper.
            server.AsOwner("pg_ctl", "-D", server._data, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60",
                "-o", $"-p {server.Port} -h 127.0.0.1 -k {folder} -c fsync=off -c synchronous_commit=off -c full_page_writes=off",
                "start");
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = Superuser, Database = database }.ToString();

    /// <summary>A new empty database: each test gets its own, so tests cannot see each other's rows.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"colorpix_{Guid.NewGuid():N}";
        await AdminAsync($"CREATE DATABASE {name}");
        return name;
    }

    public Task DropDatabaseAsync(string name) => AdminAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");

    public void Dispose()
    {
        try
        {
            if (File.Exists(Path.Combine(_data, "postmaster.pid"))) AsOwner("pg_ctl", "-D", _data, "-m", "immediate", "-w", "stop");
        }
        finally
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private async Task AdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres") + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private void AsOwner(string tool, params string[] arguments)
    {
        var command = new List<string>();
        if (Environment.IsPrivilegedProcess) command.AddRange(["runuser", "-u", Superuser, "--"]);
        command.Add(Path.Combine(BinFolder, tool));
        command.AddRange(arguments);
        ChildProcess.Run(_folder, [.. command]);
    }
}
