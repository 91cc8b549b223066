namespace ColorPix.Web.Storage.Objects;

/// <summary>An object to write before its row: see <see cref="StoredObjects.PutThenRecordAsync{T}"/>.</summary>
public sealed record ObjectToStore(string Key, ReadOnlyMemory<byte> Content, string ContentType);

/// <summary>The store's write-ordering rule in one place, so that endpoints do not each reimplement it.</summary>
public static class StoredObjects
{
    /// <summary>
    /// Puts the objects, then runs <paramref name="record"/> (the row write). If a put or the record fails or is
    /// cancelled, the objects already put are deleted and the exception propagates. A failing cleanup is swallowed:
    /// it only leaves orphans, which <see cref="OrphanSweeper"/> removes, and the original error is the useful one.
    /// </summary>
    public static async Task<T> PutThenRecordAsync<T>(this IObjectStore store, IReadOnlyList<ObjectToStore> objects,
        Func<CancellationToken, Task<T>> record, CancellationToken cancellationToken)
    {
        var written = new List<string>(objects.Count);
        try
        {
            foreach (var item in objects)
            {
                // Counted before the put: a put that fails halfway may still have left something behind.
                written.Add(item.Key);
                await store.PutAsync(item.Key, item.Content, item.ContentType, cancellationToken);
            }
            return await record(cancellationToken);
        }
        catch
        {
            await DeleteQuietlyAsync(store, written);
            throw;
        }
    }

    public static Task PutThenRecordAsync(this IObjectStore store, IReadOnlyList<ObjectToStore> objects,
        Func<CancellationToken, Task> record, CancellationToken cancellationToken) =>
        store.PutThenRecordAsync(objects, async ct => { await record(ct); return true; }, cancellationToken);

    /// <summary>Deletes objects whose rows are gone (<see cref="Metadata.DeletedObjects"/>); returns the keys that
    /// could not be deleted (the sweeper will retry them).</summary>
    public static async Task<IReadOnlyList<string>> DeleteAllAsync(this IObjectStore store, IEnumerable<string> keys,
        CancellationToken cancellationToken)
    {
        var failed = new List<string>();
        foreach (var key in keys)
        {
            try { await store.DeleteAsync(key, cancellationToken); }
            catch (Exception e) when (e is not OperationCanceledException) { failed.Add(key); }
        }
        return failed;
    }

    private static async Task DeleteQuietlyAsync(IObjectStore store, IEnumerable<string> keys)
    {
        // Not the caller's token: the cleanup must run even when the request was cancelled.
        try { await store.DeleteAllAsync(keys, CancellationToken.None); }
        catch (Exception) { /* orphans for the sweeper */ }
    }
}
