namespace ColorPix.Web.Storage.Objects;

/// <summary>
/// Image bytes by key (see <see cref="ObjectKeys"/> for the layout and the rules a key must follow).
/// <para>Write order, everywhere: put the object first, then write the row that references it; if the row cannot
/// be written, delete the object (<see cref="StoredObjects.PutThenRecordAsync{T}"/>). A crash in between leaves an
/// unreferenced object, which <see cref="OrphanSweeper"/> removes; the other order would leave rows without bytes.</para>
/// </summary>
public interface IObjectStore
{
    /// <summary>Stores (or replaces) the object. Readers never see a partial object.</summary>
    /// <exception cref="ArgumentException">The key breaks the rules of <see cref="ObjectKeys.Validate"/>.</exception>
    Task PutAsync(string key, Stream content, string contentType, CancellationToken cancellationToken);

    /// <summary>The object, to be disposed by the caller; null when there is none.</summary>
    Task<StoredObject?> GetAsync(string key, CancellationToken cancellationToken);

    /// <summary>Deletes the object; deleting a missing object is not an error.</summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken);

    Task<bool> ExistsAsync(string key, CancellationToken cancellationToken);

    /// <summary>Every object whose key starts with <paramref name="prefix"/> ("" for all), in no particular order.</summary>
    IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, CancellationToken cancellationToken);

    /// <summary>Deletes what writes interrupted by a crash left behind before <paramref name="before"/>, outside any key
    /// (a local store's temp files); returns how many. Writes still in progress are younger than that.</summary>
    Task<int> DeleteAbandonedWritesAsync(DateTimeOffset before, CancellationToken cancellationToken);

    /// <summary>Throws when the store cannot be reached (health checks).</summary>
    Task PingAsync(CancellationToken cancellationToken);
}

/// <summary>An object's listing entry.</summary>
public sealed record ObjectInfo(string Key, long Size, DateTimeOffset LastModified);

/// <summary>An object being read: dispose it to release the file or the HTTP response.</summary>
public sealed class StoredObject(string key, Stream content, string contentType, long length, DateTimeOffset lastModified)
    : IAsyncDisposable, IDisposable
{
    public string Key { get; } = key;
    public Stream Content { get; } = content;
    public string ContentType { get; } = contentType;
    public long Length { get; } = length;
    public DateTimeOffset LastModified { get; } = lastModified;

    public ValueTask DisposeAsync() => Content.DisposeAsync();

    public void Dispose() => Content.Dispose();
}

/// <summary>Bytes-in, bytes-out conveniences over any store.</summary>
public static class ObjectStoreExtensions
{
    public static async Task PutAsync(this IObjectStore store, string key, ReadOnlyMemory<byte> content, string contentType,
        CancellationToken cancellationToken)
    {
        await using var stream = new MemoryStream(content.ToArray(), writable: false);
        await store.PutAsync(key, stream, contentType, cancellationToken);
    }

    /// <summary>The object's bytes; null when there is none.</summary>
    public static async Task<byte[]?> GetBytesAsync(this IObjectStore store, string key, CancellationToken cancellationToken)
    {
        await using var stored = await store.GetAsync(key, cancellationToken);
        if (stored is null) return null;
        using var buffer = new MemoryStream();
        await stored.Content.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }
}
