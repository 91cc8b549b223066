using ColorPix.Core.Models;
using ColorPix.Web.Storage.Objects;
using static ColorPix.Tests.Storage.StorageTestData;

namespace ColorPix.Tests.Storage;

public class OrphanSweeperTests
{
    private static readonly TimeSpan Grace = TimeSpan.FromMinutes(30);

    [Test]
    public async Task The_sweeper_deletes_only_unreferenced_objects_older_than_the_grace_period()
    {
        var folder = Directory.CreateTempSubdirectory("colorpix-sweep-").FullName;
        try
        {
            var store = new LocalObjectStore(folder);
            await using var db = await MetadataBackend.All.First().CreateAsync();
            var alice = await db.UserAsync("alice");
            var image = await db.ImageAsync(alice.Id);
            var colorization = await db.ColorizationAsync(image, ModelKind.Pix2Pix);
            await db.Models.UpsertAsync(new ColorPix.Web.Storage.Metadata.ModelRegistration(ModelKind.Pix2Pix, "v1", "models/pix2pix/v1.safetensors", "{}", T0), None);
            var now = DateTimeOffset.UtcNow;
            var old = now - Grace - TimeSpan.FromMinutes(1);
            var referenced = KeysOf(image, colorization).Append("models/pix2pix/v1.safetensors").ToList();
            foreach (var key in referenced) await Write(store, key, old);
            await Write(store, "users/1/images/crashed/original.png", old);
            await Write(store, "users/1/images/uploading/original.png", now - Grace + TimeSpan.FromMinutes(1));
            // What a put killed between its temp file and the rename leaves, and a put still writing.
            var crashedPut = TempFile(store, "crashed-put", old);
            var putInProgress = TempFile(store, "put-in-progress", now);

            var report = await new OrphanSweeper(store, db.References, new FixedClock(now)).SweepAsync(Grace, None);

            report.Deleted.Should().Equal("users/1/images/crashed/original.png");
            (report.Scanned, report.Young, report.Referenced, report.Failed.Count, report.AbandonedWrites).Should().Be((7, 1, 5, 0, 1));
            (File.Exists(crashedPut), File.Exists(putInProgress)).Should().Be((false, true));
            (await store.ListAsync("", None).Select(o => o.Key).ToListAsync()).Should()
                .BeEquivalentTo(referenced.Append("users/1/images/uploading/original.png"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task Write(LocalObjectStore store, string key, DateTimeOffset lastModified)
    {
        await store.PutAsync(key, new byte[] { 1 }, "application/octet-stream", None);
        File.SetLastWriteTimeUtc(Path.Combine(store.Root, key), lastModified.UtcDateTime);
    }

    private static string TempFile(LocalObjectStore store, string name, DateTimeOffset lastModified)
    {
        var path = Path.Combine(store.Root, ".tmp", name);
        File.WriteAllBytes(path, [1, 2, 3]);
        File.SetLastWriteTimeUtc(path, lastModified.UtcDateTime);
        return path;
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
