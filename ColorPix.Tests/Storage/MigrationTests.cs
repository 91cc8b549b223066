using ColorPix.Web.Storage.Metadata.Migrations;
using Dapper;
using static ColorPix.Tests.Storage.StorageTestData;

namespace ColorPix.Tests.Storage;

public class MigrationTests
{
    [TestCaseSource(typeof(MetadataBackend), nameof(MetadataBackend.All))]
    public async Task Migrating_twice_applies_each_migration_once_and_records_it(MetadataBackend backend)
    {
        await using var db = await backend.CreateEmptyAsync();

        var firstRun = await db.Migrator.MigrateAsync(None);
        var secondRun = await db.Migrator.MigrateAsync(None);

        firstRun.Should().Equal(SchemaMigrations.All.Select(m => m.Version));
        secondRun.Should().BeEmpty();
        await using var connection = await db.Connections.OpenAsync(None);
        var recorded = await connection.QueryAsync<string>("SELECT CAST(version AS TEXT) || ' ' || name FROM schema_version ORDER BY version");
        recorded.Should().Equal(SchemaMigrations.All.Select(m => $"{m.Version} {m.Name}"));
        (await db.Migrator.CurrentVersionAsync(None)).Should().Be(SchemaMigrations.Latest);
    }

    [TestCaseSource(typeof(MetadataBackend), nameof(MetadataBackend.All))]
    public async Task A_failing_migration_leaves_the_schema_at_the_previous_version(MetadataBackend backend)
    {
        await using var db = await backend.CreateAsync();
        var broken = new Migration(SchemaMigrations.Latest + 1, "broken", "CREATE TABLE half (id INTEGER); SELECT * FROM nowhere",
            "CREATE TABLE half (id INTEGER); SELECT * FROM nowhere");

        var migrate = () => db.Migrator.MigrateAsync(None, [.. SchemaMigrations.All, broken]);

        await migrate.Should().ThrowAsync<Exception>();
        (await db.Migrator.CurrentVersionAsync(None)).Should().Be(SchemaMigrations.Latest);
        await using var connection = await db.Connections.OpenAsync(None);
        var createHalfAgain = () => connection.ExecuteAsync("CREATE TABLE half (id INTEGER)");
        await createHalfAgain.Should().NotThrowAsync("the migration's first statement was rolled back with it");
    }

    [TestCaseSource(typeof(MetadataBackend), nameof(MetadataBackend.All))]
    public async Task Foreign_keys_are_enforced(MetadataBackend backend)
    {
        await using var db = await backend.CreateAsync();

        var orphan = () => db.Images.AddAsync(StorageTestData.Image(ownerId: 12345), None);

        await orphan.Should().ThrowAsync<System.Data.Common.DbException>();
    }
}
