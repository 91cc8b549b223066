namespace ColorPix.Web.Storage.Metadata.Migrations;

/// <summary>One numbered schema step. Applied migrations are never edited: a change is a new migration.</summary>
public sealed record Migration(int Version, string Name, string Sqlite, string Postgres)
{
    public string SqlFor(DatabaseProvider provider) => provider == DatabaseProvider.Sqlite ? Sqlite : Postgres;
}
