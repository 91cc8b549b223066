using System.Buffers.Binary;

namespace ColorPix.Web.Albums;

/// <summary>
/// The end of a ZIP's central directory, read from the last bytes of the archive: how many entries it declares and
/// how large its directory is, before anything parses the directory itself (ZipArchive builds an object per entry
/// when it opens: a directory of millions of entries would cost that memory before any limit could be checked).
/// Handles ZIP64, whose record the classic one points to when a count or size does not fit.
/// </summary>
internal static class ZipDirectory
{
    private const uint EndSignature = 0x06054b50;
    private const uint Zip64LocatorSignature = 0x07064b50;
    private const uint Zip64EndSignature = 0x06064b50;
    private const int EndLength = 22;
    private const int Zip64LocatorLength = 20;
    private const int MaxCommentLength = ushort.MaxValue;

    /// <summary>The declared entry count and central-directory size, or null when this is not a ZIP.</summary>
    public static (long Entries, long DirectoryBytes)? ReadEnd(Stream archive)
    {
        var length = archive.Length;
        if (length < EndLength) return null;
        var tailLength = (int)Math.Min(length, EndLength + MaxCommentLength + Zip64LocatorLength);
        var tail = new byte[tailLength];
        archive.Position = length - tailLength;
        archive.ReadExactly(tail);
        // The end record is the last one whose signature is followed by a comment that reaches the end exactly.
        for (var at = tailLength - EndLength; at >= 0; at--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(at)) != EndSignature) continue;
            var comment = BinaryPrimitives.ReadUInt16LittleEndian(tail.AsSpan(at + 20));
            if (at + EndLength + comment != tailLength) continue;
            long entries = BinaryPrimitives.ReadUInt16LittleEndian(tail.AsSpan(at + 10));
            long directory = BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(at + 12));
            if (entries == ushort.MaxValue || directory == uint.MaxValue) return Zip64(archive, tail, at) ?? (entries, directory);
            return (entries, directory);
        }
        return null;
    }

    private static (long Entries, long DirectoryBytes)? Zip64(Stream archive, byte[] tail, int endAt)
    {
        var locatorAt = endAt - Zip64LocatorLength;
        if (locatorAt < 0 || BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(locatorAt)) != Zip64LocatorSignature) return null;
        var recordOffset = BinaryPrimitives.ReadInt64LittleEndian(tail.AsSpan(locatorAt + 8));
        if (recordOffset < 0 || recordOffset > archive.Length - 56) return null;
        var record = new byte[56];
        archive.Position = recordOffset;
        archive.ReadExactly(record);
        if (BinaryPrimitives.ReadUInt32LittleEndian(record) != Zip64EndSignature) return null;
        return (BinaryPrimitives.ReadInt64LittleEndian(record.AsSpan(32)), BinaryPrimitives.ReadInt64LittleEndian(record.AsSpan(40)));
    }
}
