namespace ColorPix.Web.Storage;

public enum DatabaseProvider { Sqlite, Postgres }

/// <summary>The "Database" section. With nothing configured the service uses a SQLite file, so a fresh
/// clone serves without any setup; a PostgreSQL connection string alone is enough to switch.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>"sqlite" or "postgres"; when empty, postgres if <see cref="ConnectionString"/> is set, else sqlite.</summary>
    public string? Provider { get; set; }

    /// <summary>An Npgsql connection string (Host=...;Database=...;Username=...;Password=...).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The SQLite file; relative paths are resolved against the repository root.</summary>
    public string SqlitePath { get; set; } = "data/db/colorpix.db";

    public DatabaseProvider ResolvedProvider => Provider?.Trim().ToLowerInvariant() switch
    {
        null or "" => string.IsNullOrWhiteSpace(ConnectionString) ? DatabaseProvider.Sqlite : DatabaseProvider.Postgres,
        "sqlite" => DatabaseProvider.Sqlite,
        "postgres" or "postgresql" => DatabaseProvider.Postgres,
        _ => throw new InvalidOperationException($"Database:Provider '{Provider}' is unknown (expected sqlite or postgres)"),
    };
}
