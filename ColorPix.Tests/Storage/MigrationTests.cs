using ColorPix.Web.Storage.Metadata.Migrations;
using ColorPix.Web.Storage.Metadata;
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
    public async Task The_registry_migration_turns_the_active_model_into_the_champion_and_the_others_into_retired(MetadataBackend backend)
    {
        await using var db = await backend.CreateEmptyAsync();
        await db.Migrator.MigrateAsync(None, SchemaMigrations.All.Take(1).ToList());
        await using (var connection = await db.Connections.OpenAsync(None))
        {
            var timestamp = db.Connections.Provider.Timestamp(T0);
            foreach (var (version, active) in new[] { ("old", false), ("served", true) })
                await connection.ExecuteAsync("INSERT INTO models (kind, version, path, metrics_json, is_active, registered_at) VALUES ('pix2pix', @Version, 'p', '{}', @Active, @At)",
                    new { Version = version, Active = active, At = timestamp });
        }

        await db.Migrator.MigrateAsync(None);

        var models = await db.Models.ListAsync(None);
        models.Select(m => (m.Version, m.Status)).Should().BeEquivalentTo(new[] { ("old", VersionStatus.Retired), ("served", VersionStatus.Champion) });
    }

    [TestCaseSource(typeof(MetadataBackend), nameof(MetadataBackend.All))]
    public async Task Foreign_keys_are_enforced(MetadataBackend backend)
    {
        await using var db = await backend.CreateAsync();

        var orphan = () => db.Images.AddAsync(StorageTestData.Image(ownerId: 12345), None);

        await orphan.Should().ThrowAsync<System.Data.Common.DbException>();
    }
}
