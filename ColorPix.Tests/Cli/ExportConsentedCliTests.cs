using ColorPix.Core.Data;
using ColorPix.Tests.Data;
using ColorPix.Web.Cli;
using ColorPix.Web.Storage;
using ColorPix.Web.Storage.Metadata;
using ColorPix.Web.Storage.Objects;
using Microsoft.Extensions.DependencyInjection;

namespace ColorPix.Tests.Cli;

/// <summary>`colorpix data export-consented` as a user runs it, in a throwaway clone whose configuration is the default:
/// SQLite in data/db/, objects in data/objects/.</summary>
public class ExportConsentedCliTests : ThrowawayCloneTest
{
    protected override void Populate(PhotoTree repo)
    {
        Repo.Photos(2);
        Repo.Build("sample");
    }

    [TestCase("../elsewhere")]
    [TestCase("a/b")]
    [TestCase("sample+mine")]
    [TestCase("sample")]
    public void A_bad_or_protected_name_is_refused_and_nothing_is_written(string name)
    {
        var before = File.ReadAllText(Repo.ManifestPath("sample"));

        var (exit, output) = Run("data", "export-consented", "--name", name);

        exit.Should().NotBe(0);
        output.Should().StartWith("error: ").And.NotContain("   at ");
        File.ReadAllText(Repo.ManifestPath("sample")).Should().Be(before);
        Directory.Exists(Path.Combine(Repo.RepoRoot, "data", "db")).Should().BeFalse("the storage is not even opened");
    }

    [Test]
    public async Task An_export_writes_the_consented_uploads_and_says_how_many()
    {
        await using (var storage = await StandaloneStorage.OpenAsync(CancellationToken.None))
        {
            var services = storage.Services;
            var alice = await services.GetRequiredService<IUserStore>().CreateAsync(
                new NewUser("alice", "hash", false, Storage.StorageTestData.T0), CancellationToken.None);
            var bytes = await File.ReadAllBytesAsync(Path.Combine(Repo.Images, "photo00.png"));
            var image = Storage.StorageTestData.ImageOf(bytes, alice.Id, consent: true);
            await services.GetRequiredService<IObjectStore>().PutAsync(image.OriginalKey, bytes, "image/png", CancellationToken.None);
            await services.GetRequiredService<IImageStore>().AddAsync(image, CancellationToken.None);
        }

        var (exit, output) = Run("data", "export-consented", "--name", "mine");

        exit.Should().Be(0, output);
        output.Should().Contain("exported 0, skipped as duplicates 1", "the upload is sample's photo00.png")
            .And.Contain("the manifest is empty").And.Contain(Path.Combine("data", "splits", "mine.json"));
        DatasetManifest.Load(Repo.ManifestPath("mine")).Skipped.Single().Reason.Should().Be("duplicate of sample:photo00.png");
    }

    [Test]
    public void An_unreachable_database_gives_a_message_not_a_stack_trace()
    {
        Environment.SetEnvironmentVariable("Database__Provider", "postgres");
        Environment.SetEnvironmentVariable("Database__ConnectionString", "Host=127.0.0.1;Port=1;Username=nobody;Password=none;Database=none;Timeout=3");
        try
        {
            var (exit, output) = Run("data", "export-consented", "--name", "mine");

            exit.Should().NotBe(0);
            output.Should().Contain("the database could not be reached").And.NotContain("   at ").And.NotContain("Password");
            File.Exists(Repo.ManifestPath("mine")).Should().BeFalse();
        }
        finally
        {
            Environment.SetEnvironmentVariable("Database__Provider", null);
            Environment.SetEnvironmentVariable("Database__ConnectionString", null);
        }
    }
}
