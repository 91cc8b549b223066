using ColorPix.Core.Imaging;
using TorchSharp;
using static TorchSharp.torch;

namespace ColorPix.Tests.Imaging;

/// <summary>ImageTensors (ToTensor, FromTensor) on TorchSharp. Kept apart from the codec tests,
/// which need no tensor engine.</summary>
public class ImageTensorTests
{
    [Test]
    public void Tensor_round_trip_is_exact_to_one_part_in_255()
    {
        var pixels = ImageOperationsTests.TestPixels();
        using var image = Image.FromPixels(pixels, 37, 23, 3);
        using var tensor = image.ToTensor();

        tensor.shape.Should().Equal(3, 23, 37);
        tensor.dtype.Should().Be(ScalarType.Float32);
        var values = tensor.data<float>().ToArray();
        values[0 * 23 * 37 + 5 * 37 + 36].Should().Be(pixels[(5 * 37 + 36) * 3 + 0] / 255f, "channel-first: R of pixel (36, 5)");
        values[1 * 23 * 37 + 22 * 37 + 0].Should().Be(1f, "G of the bottom row");
        using var back = ImageTensors.FromTensor(tensor);
        back.CopyPixels().Should().Equal(pixels);
    }

    [Test]
    public void From_tensor_clamps_and_rounds()
    {
        using var tensor = torch.tensor(new[] { -0.5f, 0.5f, 1.5f, 0.2f, 0.6f, 0.999f }, new long[] { 3, 1, 2 });
        using var image = ImageTensors.FromTensor(tensor);

        // Planes R (-0.5, 0.5), G (1.5, 0.2), B (0.6, 0.999) interleave to two RGB pixels.
        image.CopyPixels().Should().Equal(0, 255, 153, 128, 51, 255);
    }

    [Test]
    public void From_tensor_refuses_a_batch() =>
        FluentActions.Invoking(() => { using var batch = torch.zeros(1, 3, 4, 4); ImageTensors.FromTensor(batch); })
            .Should().Throw<ArgumentException>().WithMessage("*[1, 3, 4, 4]*");
}
