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
    private readonly bool _durable;

    public int Port { get; }

    private PostgresServer(string folder, int port, bool durable)
    {
        _folder = folder;
        _data = Path.Combine(folder, "data");
        Port = port;
        _durable = durable;
    }

    /// <param name="durable">Commits are written to the WAL before they are acknowledged (synchronous_commit on), so a
    /// stopped server keeps every committed row, as in production; off, commits are cheaper and a crash may lose the
    /// last ones, which no test of the shared server relies on.</param>
    public static PostgresServer Start(bool durable = false)
    {
        if (!File.Exists(Path.Combine(BinFolder, "initdb")) || !File.Exists(Path.Combine(BinFolder, "pg_ctl")))
            throw new InvalidOperationException(
                $"PostgreSQL 15 server binaries are missing from {BinFolder}: run `scripts/setup.sh test` (it installs `postgresql`)");

        var folder = Path.Combine(Path.GetTempPath(), $"colorpix-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        if (Environment.IsPrivilegedProcess) ChildProcess.Run(folder, "chown", $"{Superuser}:{Superuser}", folder);
        var server = new PostgresServer(folder, ChildProcess.FreePort(), durable);
        try
        {
            server.AsOwner("initdb", "-D", server._data, "-U", Superuser, "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync");
            server.Resume();
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

    /// <summary>Stops the server at once, as a crash or an outage would (clients see their connections drop).</summary>
    public void Halt() => AsOwner("pg_ctl", "-D", _data, "-m", "immediate", "-w", "stop");

    /// <summary>Starts the server again, on the same port with the same data.</summary>
    public void Resume() =>
        // fsync off: the machine does not crash in a test, a process may; WAL written (durable) survives that.
        AsOwner("pg_ctl", "-D", _data, "-l", Path.Combine(_folder, "server.log"), "-w", "-t", "60",
            "-o", $"-p {Port} -h 127.0.0.1 -k {_folder} -c fsync=off -c synchronous_commit={(_durable ? "on" : "off")} -c full_page_writes=off", "start");

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
