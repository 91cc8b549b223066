using ColorPix.Web.Storage;
using ColorPix.Web.Storage.Metadata;
using ColorPix.Web.Storage.Objects;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using static ColorPix.Tests.Storage.StorageTestData;

namespace ColorPix.Tests.Storage;

public class StorageRegistrationTests
{
    private string _folder = "";

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("colorpix-host-").FullName;

    [TearDown]
    public void DeleteFolder()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools(); // pooled handles keep the file open
        Directory.Delete(_folder, recursive: true);
    }

    [Test]
    public async Task With_no_provider_configured_the_service_starts_on_sqlite_and_a_local_folder_and_is_ready()
    {
        using var host = Build([]);

        await host.StartAsync();
        var user = await host.Services.GetRequiredService<IUserStore>().CreateAsync(new NewUser("alice", "hash", false, T0), CancellationToken.None);
        var health = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        await host.StopAsync();

        user.Id.Should().BePositive();
        host.Services.GetRequiredService<IObjectStore>().Should().BeOfType<LocalObjectStore>();
        health.Entries.Keys.Should().BeEquivalentTo("database", "object-storage");
        health.Status.Should().Be(HealthStatus.Healthy, string.Join("; ", health.Entries.Select(e => e.Value.Description)));
        File.Exists(Path.Combine(_folder, "db", "colorpix.db")).Should().BeTrue();
    }

    [Test]
    public async Task The_s3_provider_creates_its_bucket_at_start()
    {
        var s3 = StorageServers.S3.Options($"boot-{Guid.NewGuid():N}"[..20]);
        using var host = Build(new()
        {
            ["ObjectStorage:S3:ServiceUrl"] = s3.ServiceUrl, ["ObjectStorage:S3:Bucket"] = s3.Bucket,
            ["ObjectStorage:S3:AccessKey"] = s3.AccessKey, ["ObjectStorage:S3:SecretKey"] = s3.SecretKey,
        });

        await host.StartAsync();
        var store = host.Services.GetRequiredService<IObjectStore>();
        await store.PutAsync("probe.txt", new byte[] { 1 }, "text/plain", CancellationToken.None);
        await host.StopAsync();

        store.Should().BeOfType<S3ObjectStore>();
        (await store.ExistsAsync("probe.txt", CancellationToken.None)).Should().BeTrue();
    }

    private static IEnumerable<TestCaseData> BadSettings()
    {
        yield return Case("Database:Provider", "mysql", "Database:Provider 'mysql' is unknown");
        yield return Case("Database:Provider", "postgres", "Database:ConnectionString is empty");
        yield return Case("ObjectStorage:Provider", "s3", "ObjectStorage:S3:ServiceUrl must be an http(s) URL");
        yield return Case("ObjectStorage:S3:ServiceUrl", "ftp://minio", "ObjectStorage:S3:ServiceUrl must be an http(s) URL");
        yield return Case("ObjectStorage:S3:ServiceUrl", "http://minio:9000", "ObjectStorage:S3:Bucket '' is not a bucket name");
        yield return Case("ObjectStorage:Sweep:GraceMinutes", "0", "GraceMinutes must be at least 1");

        static TestCaseData Case(string key, string value, string message) => new TestCaseData(key, value, message).SetArgDisplayNames(key, value);
    }

    [TestCaseSource(nameof(BadSettings))]
    public async Task A_misconfigured_storage_is_refused_at_start_naming_the_key(string key, string value, string message)
    {
        using var host = Build(new() { [key] = value });

        var start = () => host.StartAsync();

        (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Message.Should().Contain(message);
    }

    [Test]
    public void Providers_follow_what_is_configured_when_not_named()
    {
        new DatabaseOptions().ResolvedProvider.Should().Be(DatabaseProvider.Sqlite);
        new DatabaseOptions { ConnectionString = "Host=db" }.ResolvedProvider.Should().Be(DatabaseProvider.Postgres);
        new ObjectStorageOptions().ResolvedProvider.Should().Be(ObjectStorageProvider.Local);
        new ObjectStorageOptions { S3 = { ServiceUrl = "http://minio:9000" } }.ResolvedProvider.Should().Be(ObjectStorageProvider.S3);
    }

    /// <summary>A host over <paramref name="settings"/>, with the default paths moved into the test's folder.</summary>
    private IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:SqlitePath"] = Path.Combine(_folder, "db", "colorpix.db"),
            ["ObjectStorage:LocalPath"] = Path.Combine(_folder, "objects"),
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddColorPixStorage();
        return builder.Build();
    }
}
