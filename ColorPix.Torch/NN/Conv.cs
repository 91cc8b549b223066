namespace ColorPix.Torch.NN;

/// <summary>PyTorch's default initialisation of convolution weights and biases:
/// kaiming_uniform(a = sqrt 5), i.e. U(-1/sqrt(fan_in), 1/sqrt(fan_in)).</summary>
internal static class ConvInit
{
    public static Tensor Uniform(long[] shape, long fanIn)
    {
        var bound = 1.0 / Math.Sqrt(fanIn);
        return torch.zeros(shape).uniform_(-bound, bound);
    }
}

public sealed class Conv2d : Module
{
    public Tensor weight { get; }
    public Tensor? bias { get; }
    public int Stride { get; }
    public int Padding { get; }

    public Conv2d(long in_channels, long out_channels, int kernel_size, int stride = 1, int padding = 0, bool bias = true)
    {
        Stride = stride;
        Padding = padding;
        var fanIn = in_channels * kernel_size * kernel_size;
        weight = RegisterParameter("weight", ConvInit.Uniform([out_channels, in_channels, kernel_size, kernel_size], fanIn));
        if (bias) this.bias = RegisterParameter("bias", ConvInit.Uniform([out_channels], fanIn));
    }

    public override Tensor forward(Tensor input) => F.conv2d(input, weight, bias, Stride, Padding);
}

public sealed class ConvTranspose2d : Module
{
    public Tensor weight { get; }
    public Tensor? bias { get; }
    public int Stride { get; }
    public int Padding { get; }
    public int OutputPadding { get; }

    public ConvTranspose2d(long in_channels, long out_channels, int kernel_size, int stride = 1, int padding = 0,
        int output_padding = 0, bool bias = true)
    {
        Stride = stride;
        Padding = padding;
        OutputPadding = output_padding;
        // PyTorch takes fan_in from dimension 1 of the [in, out, k, k] weight.
        var fanIn = out_channels * kernel_size * kernel_size;
        weight = RegisterParameter("weight", ConvInit.Uniform([in_channels, out_channels, kernel_size, kernel_size], fanIn));
        if (bias) this.bias = RegisterParameter("bias", ConvInit.Uniform([out_channels], fanIn));
    }

    public override Tensor forward(Tensor input) =>
        F.conv_transpose2d(input, weight, bias, Stride, Padding, OutputPadding);
}
