using System.Data.Common;
using ColorPix.Web.Storage.Objects;
using static ColorPix.Tests.Storage.StorageTestData;

namespace ColorPix.Tests.Storage;

public class StoredObjectsTests
{
    [TestCaseSource(typeof(ObjectBackend), nameof(ObjectBackend.All))]
    public async Task When_the_row_cannot_be_written_the_objects_are_removed(ObjectBackend backend)
    {
        using var objects = await backend.CreateAsync();
        await using var db = await MetadataBackend.All.First().CreateAsync();
        var image = Image(ownerId: 999); // no such user: the foreign key refuses the row

        var upload = () => objects.Store.PutThenRecordAsync(Files(image), ct => db.Images.AddAsync(image, ct), None);

        await upload.Should().ThrowAsync<DbException>();
        (await objects.Store.ListAsync("", None).ToListAsync()).Should().BeEmpty();
    }

    [TestCaseSource(typeof(ObjectBackend), nameof(ObjectBackend.All))]
    public async Task When_the_row_is_written_the_objects_stay(ObjectBackend backend)
    {
        using var objects = await backend.CreateAsync();
        await using var db = await MetadataBackend.All.First().CreateAsync();
        var alice = await db.UserAsync("alice");
        var image = Image(alice.Id);

        var result = await objects.Store.PutThenRecordAsync(Files(image), async ct =>
        {
            await db.Images.AddAsync(image, ct);
            return image.Id;
        }, None);

        result.Should().Be(image.Id);
        (await objects.Store.GetBytesAsync(image.OriginalKey, None)).Should().Equal(1, 2, 3);
        (await objects.Store.ExistsAsync(image.ThumbnailKey, None)).Should().BeTrue();
    }

    [Test]
    public async Task A_failing_put_removes_the_objects_put_before_it_and_never_records()
    {
        using var objects = await ObjectBackend.All.First().CreateAsync();
        var recorded = false;
        ObjectToStore[] files = [new("users/1/a.png", new byte[] { 1 }, "image/png"), new("../bad.png", new byte[] { 2 }, "image/png")];

        var upload = () => objects.Store.PutThenRecordAsync(files, _ => { recorded = true; return Task.CompletedTask; }, None);

        await upload.Should().ThrowAsync<ArgumentException>();
        recorded.Should().BeFalse();
        (await objects.Store.ExistsAsync("users/1/a.png", None)).Should().BeFalse();
    }

    private static ObjectToStore[] Files(ColorPix.Web.Storage.Metadata.ImageRecord image) =>
        [new(image.OriginalKey, new byte[] { 1, 2, 3 }, "image/png"), new(image.ThumbnailKey, new byte[] { 4 }, "image/jpeg")];
}
