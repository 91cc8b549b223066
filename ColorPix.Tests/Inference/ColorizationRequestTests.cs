using ColorPix.Core.Inference;
using ColorPix.Torch.Imaging;
using static ColorPix.Tests.Inference.InferenceFixtures;

namespace ColorPix.Tests.Inference;

public class ColorizationRequestTests
{
    [Test]
    public void A_color_upload_is_prepared_and_not_flagged_gray()
    {
        using var photo = Photo(150, 97);
        using var request = ColorizationRequest.FromBytes(photo.Encode(ImageFormat.Png), 64);

        request.IsGrayscale.Should().BeFalse();
        (request.Width, request.Height).Should().Be((150, 97));
        request.Prepared.SmallLightness.shape.Should().Equal(1, 1, 64, 64);
    }

    [Test]
    public void A_gray_upload_is_flagged_even_when_stored_as_rgb()
    {
        using var photo = Photo(64, 48);
        using var gray = Colorizer.Grayscale(photo);
        gray.Channels.Should().Be(3);

        using var request = ColorizationRequest.FromBytes(gray.Encode(ImageFormat.Jpeg, 95), 64);

        request.IsGrayscale.Should().BeTrue();
    }

    [Test]
    public void An_upload_over_the_pixel_cap_is_refused_before_decoding()
    {
        using var photo = Photo(100, 100);
        var act = () => ColorizationRequest.FromBytes(photo.Encode(ImageFormat.Png), 64, new ImageDecodeOptions { MaxPixels = 9_999 });
        act.Should().Throw<ImageTooLargeException>();
    }

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
}
