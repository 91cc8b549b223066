using System.Buffers.Binary;

namespace ColorPix.Core.Imaging;

/// <summary>Bounds-checked reads from a file header: running off the end raises a "truncated" error
/// instead of an IndexOutOfRangeException, so garbage input can only ever produce ImageFormatException.</summary>
internal readonly ref struct HeaderReader(ReadOnlySpan<byte> bytes, ImageFormat format, bool bigEndian = false)
{
    private readonly ReadOnlySpan<byte> bytes = bytes;

    public int Length => bytes.Length;
    public bool BigEndian => bigEndian;

    public ReadOnlySpan<byte> Slice(long offset, int length) =>
        offset >= 0 && length >= 0 && offset + length <= bytes.Length ? bytes.Slice((int)offset, length) : throw Truncated();

    public byte U8(long offset) => Slice(offset, 1)[0];

    public ushort U16(long offset) =>
        bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(Slice(offset, 2)) : BinaryPrimitives.ReadUInt16LittleEndian(Slice(offset, 2));

    public uint U32(long offset) =>
        bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(Slice(offset, 4)) : BinaryPrimitives.ReadUInt32LittleEndian(Slice(offset, 4));

    /// <summary>Little-endian 24-bit integer (WebP VP8X canvas size).</summary>
    public int U24(long offset)
    {
        var b = Slice(offset, 3);
        return b[0] | b[1] << 8 | b[2] << 16;
    }

    public CorruptImageException Truncated() => new($"truncated {format.DisplayName()} header");
    public CorruptImageException Corrupt(string detail) => new($"corrupt {format.DisplayName()} header: {detail}");
}
