using ColorPix.Core.Data;
using ColorPix.Core.Imaging;
using ColorPix.Tests.Data;
using ColorPix.Web.Storage;
using ColorPix.Web.Storage.Metadata;
using ColorPix.Web.Storage.Objects;
using static ColorPix.Tests.Storage.StorageTestData;

namespace ColorPix.Tests.Storage;

/// <summary>`data export-consented` over the two deployments: SQLite with a folder (a fresh clone), PostgreSQL with S3.</summary>
public class ConsentedExportTests
{
    public static IEnumerable<TestCaseData> Deployments { get; } = MetadataBackend.All
        .Zip(ObjectBackend.All, (metadata, objects) => new TestCaseData(metadata, objects).SetArgDisplayNames($"{metadata}+{objects}"));

    private const string Name = "consented";

    /// <summary>Stores an upload as the API does (the original under its key, then the row) with real, distinct pixels.</summary>
    private static async Task<ImageRecord> UploadAsync(MetadataDatabase db, IObjectStore objects, long ownerId, bool consent, int seed,
        bool gray = false, int minute = 0)
    {
        var bytes = Photo(seed);
        var image = ImageOf(bytes, ownerId, consent, minute) with { WasGrayscale = gray, Width = 24, Height = 16 };
        await objects.PutAsync(image.OriginalKey, bytes, "image/png", None);
        await db.Images.AddAsync(image, None);
        return image;
    }

    private static byte[] Photo(int seed)
    {
        var pixels = new byte[24 * 16 * 3];
        new Random(seed).NextBytes(pixels);
        using var image = Core.Imaging.Image.FromPixels(pixels, 24, 16, 3);
        return image.Encode(ImageFormat.Png);
    }

    private static async Task<(DatasetManifest Manifest, string Log)> ExportAsync(MetadataDatabase db, IObjectStore objects, PhotoTree repo,
        IReadOnlyList<string>? against = null)
    {
        using var log = new StringWriter();
        await new ConsentedExport(db.Images, objects, TimeProvider.System, log).RunAsync(Name, against, repo.RepoRoot, None);
        return (DatasetManifest.Load(repo.ManifestPath(Name)), log.ToString());
    }

    private static string FileOf(ImageRecord image) => $"{image.Id:D}.png";

    private static IEnumerable<string> FilesIn(PhotoTree repo) =>
        Directory.GetFiles(Path.Combine(RepoPaths.DataFolder(repo.RepoRoot), Name)).Select(Path.GetFileName).Where(f => f != ".gitignore")!;

    [TestCaseSource(nameof(Deployments))]
    public async Task Each_upload_is_exported_exactly_as_its_owner_decided(MetadataBackend metadata, ObjectBackend objectBackend)
    {
        await using var db = await metadata.CreateAsync();
        using var objects = await objectBackend.CreateAsync();
        using var repo = new PhotoTree();
        var alice = await db.UserAsync("alice");
        var bob = await db.UserAsync("bob");
        var consented = await UploadAsync(db, objects.Store, alice.Id, consent: true, seed: 1, minute: 1);
        var refused = await UploadAsync(db, objects.Store, alice.Id, consent: false, seed: 2, minute: 2);
        var withdrawn = await UploadAsync(db, objects.Store, alice.Id, consent: true, seed: 3, minute: 3);
        var grantedLater = await UploadAsync(db, objects.Store, alice.Id, consent: false, seed: 4, minute: 4);
        var gray = await UploadAsync(db, objects.Store, alice.Id, consent: true, seed: 5, gray: true, minute: 5);
        await UploadAsync(db, objects.Store, bob.Id, consent: true, seed: 6, minute: 6);
        await db.Images.SetConsentAsync(alice.Id, withdrawn.Id, false, T0.AddHours(1), None);
        await db.Images.SetConsentAsync(alice.Id, grantedLater.Id, true, T0.AddHours(2), None);
        await db.Users.DeleteAsync(bob.Id, None);

        var (manifest, _) = await ExportAsync(db, objects.Store, repo);

        manifest.Entries.Select(e => e.Consent).Should().Equal(
            new ConsentRecord(alice.Id, consented.Id, consented.CreatedAt), new ConsentRecord(alice.Id, grantedLater.Id, T0.AddHours(2)));
        manifest.Entries.Should().OnlyContain(e => e.Split == Split.Train && e.Licence == ConsentedExport.Licence);
        FilesIn(repo).Should().BeEquivalentTo(FileOf(consented), FileOf(grantedLater));
        File.ReadAllBytes(Path.Combine(repo.RepoRoot, "data", Name, FileOf(consented))).Should().Equal(Photo(1));
        manifest.Skipped.Should().Equal(new SkippedFile(FileOf(gray), "grayscale upload: no colours to learn from"));
        File.ReadAllText(repo.ManifestPath(Name)).Should().NotContain("alice").And.NotContain(refused.Id.ToString("D"));
    }

    [TestCaseSource(nameof(Deployments))]
    public async Task A_later_export_replaces_the_earlier_one_files_included(MetadataBackend metadata, ObjectBackend objectBackend)
    {
        await using var db = await metadata.CreateAsync();
        using var objects = await objectBackend.CreateAsync();
        using var repo = new PhotoTree();
        var alice = await db.UserAsync("alice");
        var kept = await UploadAsync(db, objects.Store, alice.Id, consent: true, seed: 1, minute: 1);
        var withdrawn = await UploadAsync(db, objects.Store, alice.Id, consent: true, seed: 2, minute: 2);
        (await ExportAsync(db, objects.Store, repo)).Manifest.Entries.Should().HaveCount(2);

        await db.Images.SetConsentAsync(alice.Id, withdrawn.Id, false, T0.AddHours(1), None);
        var (manifest, _) = await ExportAsync(db, objects.Store, repo);

        manifest.Entries.Select(e => e.Path).Should().Equal(FileOf(kept));
        FilesIn(repo).Should().Equal(FileOf(kept));
    }

    [TestCaseSource(nameof(Deployments))]
    public async Task A_picture_the_base_corpus_or_another_user_has_already_is_exported_once(MetadataBackend metadata, ObjectBackend objectBackend)
    {
        await using var db = await metadata.CreateAsync();
        using var objects = await objectBackend.CreateAsync();
        using var repo = new PhotoTree();
        repo.WriteBytes("base.png", Photo(1));
        repo.Build("base", new ManifestOptions { Parallelism = 1 });
        var alice = await db.UserAsync("alice");
        var bob = await db.UserAsync("bob");
        await UploadAsync(db, objects.Store, alice.Id, consent: true, seed: 1, minute: 1);
        var first = await UploadAsync(db, objects.Store, alice.Id, consent: true, seed: 2, minute: 2);
        var again = await UploadAsync(db, objects.Store, bob.Id, consent: true, seed: 2, minute: 3);
        var own = await UploadAsync(db, objects.Store, bob.Id, consent: true, seed: 3, minute: 4);

        var (manifest, _) = await ExportAsync(db, objects.Store, repo);

        manifest.Entries.Select(e => e.Consent!.ImageId).Should().Equal(first.Id, own.Id);
        manifest.Skipped.Select(s => s.Reason).Should().Equal("duplicate of base:base.png", $"duplicate of {FileOf(first)}");
        manifest.Skipped[1].Path.Should().Be(FileOf(again));
        manifest.Uploads!.DedupedAgainst.Should().Equal("data/splits/base.json");
        DatasetCheck.Run(repo.ManifestPath(manifest.Name)).Failures.Should().BeEmpty("a train-only export is a valid dataset");
    }

    [Test]
    public async Task A_base_entry_without_a_hash_is_hashed_from_its_file_and_one_whose_file_is_missing_is_skipped_with_a_warning()
    {
        var backend = MetadataBackend.All.First();
        await using var db = await backend.CreateAsync();
        using var objects = await ObjectBackend.All.First().CreateAsync();
        using var repo = new PhotoTree();
        repo.WriteBytes("hashless.png", Photo(1));
        var entries = new List<ManifestEntry> { new("hashless.png", 1, "", Split.Test, 24, 16), new("gone.png", 1, "", Split.Train, 24, 16) };
        new DatasetManifest("other", "images", 0, SplitFractions.Default, T0, SplitCounts.Of(entries, 0), entries, []).Save(repo.ManifestPath("other"));
        var alice = await db.UserAsync("alice");
        await UploadAsync(db, objects.Store, alice.Id, consent: true, seed: 1);

        var (manifest, log) = await ExportAsync(db, objects.Store, repo, against: ["other"]);

        manifest.Entries.Should().BeEmpty();
        manifest.Skipped.Single().Reason.Should().Be("duplicate of other:hashless.png");
        log.Should().Contain("gone.png").And.Contain("warning");
    }

    [Test]
    public void Names_that_are_paths_or_that_another_verb_wrote_are_refused()
    {
        using var repo = new PhotoTree();
        repo.Photos(1);
        repo.Build("sample");
        Directory.CreateDirectory(Path.Combine(repo.RepoRoot, "data", "photos"));
        File.WriteAllText(Path.Combine(repo.RepoRoot, "data", "photos", "mine.jpg"), "");

        foreach (var name in new[] { "../up", "a/b", "sample+x", ".hidden", "", "sample", "splits", "photos" })
            ConsentedExport.Refusal(name, repo.RepoRoot).Should().NotBeNull($"'{name}' must be refused");
        ConsentedExport.Refusal("consented-2026", repo.RepoRoot).Should().BeNull();
    }
}
