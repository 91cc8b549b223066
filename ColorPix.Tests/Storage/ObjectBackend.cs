using ColorPix.Web.Storage.Objects;

namespace ColorPix.Tests.Storage;

/// <summary>A backend the object store tests run against; every test gets an empty store.</summary>
public abstract class ObjectBackend
{
    public static IEnumerable<ObjectBackend> All { get; } = [new LocalBackend(), new S3Backend()];

    public abstract string Name { get; }

    public abstract Task<TestObjectStore> CreateAsync();

    public override string ToString() => Name;

    private sealed class LocalBackend : ObjectBackend
    {
        public override string Name => "local";

        public override Task<TestObjectStore> CreateAsync()
        {
            var folder = Directory.CreateTempSubdirectory("colorpix-objects-").FullName;
            return Task.FromResult(new TestObjectStore(new LocalObjectStore(Path.Combine(folder, "objects")),
                () => Directory.Delete(folder, recursive: true)));
        }
    }

    private sealed class S3Backend : ObjectBackend
    {
        public override string Name => "s3";

        public override async Task<TestObjectStore> CreateAsync()
        {
            var store = new S3ObjectStore(StorageServers.S3.Options($"test-{Guid.NewGuid():N}"[..30]));
            await store.EnsureBucketAsync(CancellationToken.None);
            return new TestObjectStore(store, store.Dispose);
        }
    }
}

public sealed class TestObjectStore(IObjectStore store, Action cleanUp) : IDisposable
{
    public IObjectStore Store { get; } = store;

    public void Dispose() => cleanUp();
}
