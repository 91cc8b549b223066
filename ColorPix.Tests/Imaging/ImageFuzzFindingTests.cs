using ColorPix.Core.Imaging;

namespace ColorPix.Tests.Imaging;

/// <summary>Inputs the fuzz targets found (ColorPix.Fuzz, scripts/fuzz.sh), each refused now the way a user's bad file is.</summary>
public class ImageFuzzFindingTests
{
    // A directory entry of a ~140-byte TIFF declaring a few hundred million values past the end of the file: LibTiff.NET
    // allocated them before reading, and the decode-tiff target saw 4-9 GB and over 10 s per file (hangs), or an
    // OutOfMemoryException for a billion ASCII characters (a crash).
    private static readonly string[] TiffFieldsPastTheEnd = ["tiff_553m_shorts.tiff", "tiff_369m_longs.tiff", "tiff_1g_ascii.tiff"];

    [TestCaseSource(nameof(TiffFieldsPastTheEnd))]
    public void Tiff_field_whose_values_lie_past_the_end_is_refused_as_truncated_before_libtiff_allocates_them(string file)
    {
        var bytes = ImageFixtures.ReadFuzzFinding(file);
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();

        FluentActions.Invoking(() => Image.Decode(bytes)).Should().Throw<CorruptImageException>().WithMessage("truncated TIFF image*");

        (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore).Should().BeLessThan(256 * 1024);
    }

    [Test]
    public void Tiff_tiles_bigger_than_the_pixel_cap_are_refused_before_the_tile_buffer_is_allocated()
    {
        // 138 bytes declaring a 65284x16 image in 65284x18761 tiles: the decode target saw 9.6 GB and 6-8 s per file (a hang).
        var bytes = ImageFixtures.ReadFuzzFinding("tiff_65284x18761_tiles.tiff");
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();

        FluentActions.Invoking(() => Image.Decode(bytes)).Should().Throw<CorruptImageException>()
            .WithMessage("corrupt TIFF image: blocks of 65284x18761 pixels for a 65284x16 image");

        (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore).Should().BeLessThan(256 * 1024);
    }

    [Test]
    public void Tiff_with_fewer_strips_than_its_height_needs_is_refused_as_truncated()
    {
        // 216 bytes, an 8x65528 JPEG-compressed image in strips of 6 rows with one strip given: decoding it took about 3 s
        // (the slowest input of the decode corpus; AFL counts a hang from 10 s).
        var bytes = ImageFixtures.ReadFuzzFinding("tiff_1_of_10921_strips.tiff");

        FluentActions.Invoking(() => Image.Decode(bytes)).Should().Throw<CorruptImageException>().WithMessage("truncated TIFF image*");
    }

    [Test]
    public void Tiff_with_more_blocks_than_bytes_is_refused_before_they_are_decoded_one_by_one()
    {
        // 504 bytes, a 57096x6 JPEG-compressed image in tiles one pixel wide: the decode-tiff rerun saw 20 s per file (a hang).
        var bytes = ImageFixtures.ReadFuzzFinding("tiff_57096_one_column_tiles.tiff");

        FluentActions.Invoking(() => Image.Decode(bytes)).Should().Throw<CorruptImageException>().WithMessage("corrupt TIFF image: * blocks of 1x* pixels in a 504-byte file");
    }
}
