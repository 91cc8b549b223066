using System.Buffers.Binary;
using System.IO.Compression;
using System.Text.Json;

namespace ColorPix.Tests.Api.Infrastructure;

/// <summary>ZIPs to upload as albums: ordinary ones, and the hostile kinds (bombs, lies about sizes, overlapping entries).</summary>
public static class TestZips
{
    /// <summary>A ZIP of these entries; a null content is a folder entry.</summary>
    public static byte[] Of(params (string Name, byte[]? Content)[] entries) => Of(CompressionLevel.Optimal, entries);

    public static byte[] Of(CompressionLevel level, params (string Name, byte[]? Content)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, content) in entries)
            {
                var entry = zip.CreateEntry(name, level);
                if (content is null) continue;
                using var data = entry.Open();
                data.Write(content);
            }
        return buffer.ToArray();
    }

    /// <summary>The classic bomb: one entry of <paramref name="bytes"/> zeros, deflated to a thousandth of that.</summary>
    public static byte[] Zeros(string name, int bytes) => Of((name, new byte[bytes]));

    /// <summary>A ZIP whose directory (and local header) declare <paramref name="declared"/> bytes for its only entry,
    /// while its data inflates to <paramref name="actual"/>: only counting while inflating catches it.</summary>
    public static byte[] Lying(string name, int actual, uint declared)
    {
        var zip = Zeros(name, actual);
        BinaryPrimitives.WriteUInt32LittleEndian(zip.AsSpan(22), declared); // local header: uncompressed size
        BinaryPrimitives.WriteUInt32LittleEndian(zip.AsSpan(Find(zip, 0x02014b50) + 24), declared); // central directory
        return zip;
    }

    /// <summary>One stored entry, listed <paramref name="copies"/> times in the directory under other names, every
    /// listing pointing at the same data (the overlapping-entries bomb).</summary>
    public static byte[] Overlapping(byte[] photo, int copies)
    {
        var zip = Of(CompressionLevel.NoCompression, ("photo-0.png", photo));
        var directoryAt = Find(zip, 0x02014b50);
        var endAt = Find(zip, 0x06054b50);
        var record = zip[directoryAt..endAt];
        var output = new MemoryStream();
        output.Write(zip, 0, directoryAt);
        for (var i = 0; i < copies; i++)
        {
            var copy = (byte[])record.Clone();
            copy[^5] = (byte)('0' + i); // photo-N.png: the name is the record's last bytes
            output.Write(copy);
        }
        var end = zip[endAt..];
        BinaryPrimitives.WriteUInt16LittleEndian(end.AsSpan(8), (ushort)copies);
        BinaryPrimitives.WriteUInt16LittleEndian(end.AsSpan(10), (ushort)copies);
        BinaryPrimitives.WriteUInt32LittleEndian(end.AsSpan(12), (uint)(record.Length * copies));
        output.Write(end);
        return output.ToArray();
    }

    /// <summary>The entries of a downloaded ZIP, by name.</summary>
    public static Dictionary<string, byte[]> Read(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        return archive.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var data = e.Open();
            using var copy = new MemoryStream();
            data.CopyTo(copy);
            return copy.ToArray();
        });
    }

    /// <summary>A flat image as an uncompressed BMP: a real photo format that deflates to almost nothing.</summary>
    public static byte[] FlatBmp(int width, int height)
    {
        var row = (width * 3 + 3) / 4 * 4;
        var bmp = new byte[54 + row * height];
        "BM"u8.CopyTo(bmp);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(2), bmp.Length);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(10), 54);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(14), 40);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(18), width);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(22), height);
        BinaryPrimitives.WriteInt16LittleEndian(bmp.AsSpan(26), 1);
        BinaryPrimitives.WriteInt16LittleEndian(bmp.AsSpan(28), 24);
        bmp.AsSpan(54).Fill(128);
        return bmp;
    }

    private static int Find(byte[] zip, uint signature)
    {
        for (var i = zip.Length - 4; i >= 0; i--)
            if (BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(i)) == signature) return i;
        throw new InvalidDataException($"no record {signature:x8}");
    }
}

/// <summary>Album requests and waiting for an album to finish.</summary>
public static class AlbumRequests
{
    public static Task<HttpResponseMessage> UploadAlbumAsync(this ApiUser user, params (string Name, byte[] Bytes)[] files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, bytes) in files) form.Add(new ByteArrayContent(bytes), "file", name);
        return user.PostAsync("/albums", form);
    }

    public static Task<HttpResponseMessage> UploadZipAsync(this ApiUser user, byte[] zip, string name = "album.zip") => user.UploadAlbumAsync((name, zip));

    /// <summary>Polls the album until no photo is pending, and returns it.</summary>
    public static async Task<JsonElement> FinishedAlbumAsync(this ApiUser user, Guid id)
    {
        JsonElement album = default;
        await Eventually.UntilAsync(async () =>
        {
            album = await (await user.GetAsync($"/albums/{id:D}")).JsonAsync(System.Net.HttpStatusCode.OK);
            return album.GetProperty("album").GetProperty("state").GetString() == "done";
        }, $"album {id} is done", TimeSpan.FromSeconds(120), () => Task.FromResult(album.ToString()));
        return album;
    }

    public static Dictionary<string, string> StatusByName(this JsonElement album) =>
        album.GetProperty("entries").EnumerateArray().ToDictionary(e => e.GetProperty("name").GetString()!, e => e.GetProperty("status").GetString()!);
}
