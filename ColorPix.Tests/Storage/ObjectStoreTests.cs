using System.Text;
using ColorPix.Web.Storage.Objects;
using static ColorPix.Tests.Storage.StorageTestData;

namespace ColorPix.Tests.Storage;

public class ObjectStoreTests
{
    private static readonly byte[] Png = [0x89, (byte)'P', (byte)'N', (byte)'G', 1, 2, 3, 4, 5];

    [TestCaseSource(typeof(ObjectBackend), nameof(ObjectBackend.All))]
    public async Task A_put_object_reads_back_with_its_bytes_and_content_type(ObjectBackend backend)
    {
        using var objects = await backend.CreateAsync();
        var key = ObjectKeys.Original(7, Guid.NewGuid(), "png");

        await objects.Store.PutAsync(key, Png, "image/png", None);

        await using var stored = await objects.Store.GetAsync(key, None);
        stored!.ContentType.Should().Be("image/png");
        stored.Length.Should().Be(Png.Length);
        stored.LastModified.Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1));
        (await objects.Store.GetBytesAsync(key, None)).Should().Equal(Png);
        (await objects.Store.ExistsAsync(key, None)).Should().BeTrue();
    }

    [TestCaseSource(typeof(ObjectBackend), nameof(ObjectBackend.All))]
    public async Task A_missing_key_gives_null_and_deleting_it_is_no_error(ObjectBackend backend)
    {
        using var objects = await backend.CreateAsync();
        const string key = "users/1/images/none/original.png";

        (await objects.Store.GetAsync(key, None)).Should().BeNull();
        (await objects.Store.GetBytesAsync(key, None)).Should().BeNull();
        (await objects.Store.ExistsAsync(key, None)).Should().BeFalse();
        await objects.Store.Invoking(s => s.DeleteAsync(key, None)).Should().NotThrowAsync();
    }

    [TestCaseSource(typeof(ObjectBackend), nameof(ObjectBackend.All))]
    public async Task A_second_put_replaces_and_a_delete_removes(ObjectBackend backend)
    {
        using var objects = await backend.CreateAsync();
        const string key = "users/1/images/a/thumbnail.jpg";
        await objects.Store.PutAsync(key, Encoding.UTF8.GetBytes("old"), "image/jpeg", None);

        await objects.Store.PutAsync(key, Encoding.UTF8.GetBytes("new!"), "image/jpeg", None);
        var replaced = await objects.Store.GetBytesAsync(key, None);
        await objects.Store.DeleteAsync(key, None);
        await objects.Store.DeleteAsync(key, None);

        Encoding.UTF8.GetString(replaced!).Should().Be("new!");
        (await objects.Store.ExistsAsync(key, None)).Should().BeFalse();
    }

    [TestCaseSource(typeof(ObjectBackend), nameof(ObjectBackend.All))]
    public async Task Listing_by_prefix_gives_keys_sizes_and_times(ObjectBackend backend)
    {
        using var objects = await backend.CreateAsync();
        string[] keys = ["users/1/images/a/original.png", "users/1/images/b/original.png", "users/2/images/c/original.png"];
        for (var i = 0; i < keys.Length; i++) await objects.Store.PutAsync(keys[i], new byte[i + 1], "image/png", None);

        var userOne = await objects.Store.ListAsync("users/1/", None).ToListAsync();
        var all = await objects.Store.ListAsync("", None).ToListAsync();

        userOne.Select(o => (o.Key, o.Size)).Should().BeEquivalentTo([(keys[0], 1L), (keys[1], 2L)]);
        all.Select(o => o.Key).Should().BeEquivalentTo(keys);
        all.Should().OnlyContain(o => o.LastModified > DateTimeOffset.UtcNow.AddMinutes(-1));
    }

    [TestCaseSource(typeof(ObjectBackend), nameof(ObjectBackend.All))]
    public async Task Ping_succeeds_on_a_reachable_store(ObjectBackend backend)
    {
        using var objects = await backend.CreateAsync();

        await objects.Store.Invoking(s => s.PingAsync(None)).Should().NotThrowAsync();
    }

    private static IEnumerable<TestCaseData> BadKeys() =>
        from backend in ObjectBackend.All
        from key in new[] { "../escape.png", "users/../../etc/passwd", "/etc/passwd", @"users\1\x.png", "users//x.png", "users/./x.png",
                            ".tmp/x", "", "c:/x.png" }
        select new TestCaseData(backend, key).SetArgDisplayNames(backend.Name, key.Length == 0 ? "<empty>" : key);

    [TestCaseSource(nameof(BadKeys))]
    public async Task Keys_that_could_leave_the_store_or_reach_its_internals_are_refused(ObjectBackend backend, string key)
    {
        using var objects = await backend.CreateAsync();

        await objects.Store.Invoking(s => s.PutAsync(key, Png, "image/png", None)).Should().ThrowAsync<ArgumentException>();
        await objects.Store.Invoking(s => s.GetAsync(key, None)).Should().ThrowAsync<ArgumentException>();
        await objects.Store.Invoking(s => s.DeleteAsync(key, None)).Should().ThrowAsync<ArgumentException>();
        (await objects.Store.ListAsync("", None).ToListAsync()).Should().BeEmpty();
    }

    [Test]
    public async Task The_local_store_writes_nothing_outside_its_folder_and_leaves_no_temp_files()
    {
        var folder = Directory.CreateTempSubdirectory("colorpix-local-").FullName;
        try
        {
            var store = new LocalObjectStore(Path.Combine(folder, "objects"));
            await store.Invoking(s => s.PutAsync("../outside.png", Png, "image/png", None)).Should().ThrowAsync<ArgumentException>();
            await store.PutAsync("users/1/inside.png", Png, "image/png", None);

            File.Exists(Path.Combine(folder, "outside.png")).Should().BeFalse();
            File.ReadAllBytes(Path.Combine(folder, "objects", "users", "1", "inside.png")).Should().Equal(Png);
            Directory.EnumerateFiles(Path.Combine(folder, "objects", ".tmp")).Should().BeEmpty();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
