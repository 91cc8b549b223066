using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.StaticFiles;

namespace ColorPix.Web.Storage.Objects;

/// <summary>
/// Objects as files under one folder, the key being the relative path. A put writes a temp file in the same folder
/// tree and renames it over the target, so a reader sees the old or the new object, never half of one.
/// A folder has nowhere to keep a content type: it is derived from the key's extension (keys end in .png/.jpg).
/// </summary>
public sealed class LocalObjectStore : IObjectStore
{
    private const string TempFolderName = ".tmp"; // unreachable by keys: no segment may start with '.'
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    private readonly string _root;
    private readonly string _temp;

    public LocalObjectStore(string root)
    {
        _root = Path.GetFullPath(root);
        _temp = Path.Combine(_root, TempFolderName);
        Directory.CreateDirectory(_temp);
    }

    public string Root => _root;

    public async Task PutAsync(string key, Stream content, string contentType, CancellationToken cancellationToken)
    {
        var target = PathOf(key);
        var temp = Path.Combine(_temp, Guid.NewGuid().ToString("N"));
        try
        {
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                await content.CopyToAsync(file, cancellationToken);
                await file.FlushAsync(cancellationToken);
                file.Flush(flushToDisk: true);
            }
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Move(temp, target, overwrite: true);
        }
        finally
        {
            File.Delete(temp); // no-op after the rename
        }
    }

    public Task<StoredObject?> GetAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        try
        {
            var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 81920, useAsync: true);
            var info = new FileInfo(path);
            return Task.FromResult<StoredObject?>(new StoredObject(key, file, ContentTypeOf(key), file.Length, info.LastWriteTimeUtc));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return Task.FromResult<StoredObject?>(null);
        }
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        try { File.Delete(PathOf(key)); } // a missing file is fine already; a missing folder throws
        catch (DirectoryNotFoundException) { }
        return Task.CompletedTask;
    }

    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken) => Task.FromResult(File.Exists(PathOf(key)));

    public async IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!Directory.Exists(_root)) yield break;
        var files = Directory.EnumerateFiles(_root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 });
        foreach (var file in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var key = Path.GetRelativePath(_root, file).Replace(Path.DirectorySeparatorChar, '/');
            if (!key.StartsWith(prefix, StringComparison.Ordinal) || !ObjectKeys.IsValid(key)) continue;
            var info = new FileInfo(file);
            if (!info.Exists) continue; // deleted while listing
            yield return new ObjectInfo(key, info.Length, info.LastWriteTimeUtc);
        }
        await Task.CompletedTask;
    }

    public Task<int> DeleteAbandonedWritesAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        var deleted = 0;
        foreach (var file in new DirectoryInfo(_temp).EnumerateFiles())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (file.LastWriteTimeUtc >= before.UtcDateTime) continue;
            try
            {
                file.Delete();
                deleted++;
            }
            catch (IOException) { } // renamed or deleted meanwhile by the write that owned it
        }
        return Task.FromResult(deleted);
    }

    public Task PingAsync(CancellationToken cancellationToken) => Directory.Exists(_root)
        ? Task.CompletedTask
        : throw new DirectoryNotFoundException($"the object folder {_root} does not exist");

    private string PathOf(string key) => Path.Combine(_root, ObjectKeys.Validate(key).Replace('/', Path.DirectorySeparatorChar));

    private static string ContentTypeOf(string key) =>
        ContentTypes.TryGetContentType(key, out var type) ? type : "application/octet-stream";
}
