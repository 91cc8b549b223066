using ColorPix.Core.Data;
using ColorPix.Core.Inference;
using ColorPix.Core.Imaging;
using static ColorPix.Tests.Inference.InferenceFixtures;

namespace ColorPix.Tests.Inference;

public class ResultEncodingTests
{
    [Test]
    public void Results_encode_as_lossless_png_as_jpeg_and_as_a_256_pixel_thumbnail()
    {
        using var photo = Photo(600, 300);

        using var png = Image.Decode(ResultEncoding.Png(photo));
        using var jpeg = Image.Decode(ResultEncoding.Jpeg(photo));
        using var thumbnail = Image.Decode(ResultEncoding.Thumbnail(photo));
        using var small = Photo(100, 40);
        using var smallThumbnail = Image.Decode(ResultEncoding.Thumbnail(small));

        png.CopyPixels().Should().Equal(photo.CopyPixels());
        ImageProbe.Probe(ResultEncoding.Jpeg(photo)).Format.Should().Be(ImageFormat.Jpeg);
        (jpeg.Width, jpeg.Height).Should().Be((600, 300));
        (thumbnail.Width, thumbnail.Height).Should().Be((256, 128));
        ImageProbe.Probe(ResultEncoding.Thumbnail(photo)).Format.Should().Be(ImageFormat.Jpeg);
        (smallThumbnail.Width, smallThumbnail.Height).Should().Be((100, 40), "a thumbnail never enlarges");
    }

    [Test]
    public void A_gray_photo_stored_as_rgb_jpeg_is_recognised_as_grayscale_and_a_color_one_is_not()
    {
        using var photo = Photo(64, 48);
        using var gray = Colorizer.Grayscale(photo);
        gray.Channels.Should().Be(3);
        using var grayJpeg = Image.Decode(gray.Encode(ImageFormat.Jpeg, 95));

        SourceImageScreen.IsGrayscale(grayJpeg).Should().BeTrue();
        SourceImageScreen.IsGrayscale(photo).Should().BeFalse();
    }
}
