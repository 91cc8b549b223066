using ColorPix.Torch.Native;

namespace ColorPix.Torch.NN;

public enum Reduction { None = 0, Mean = 1, Sum = 2 }
public enum InterpolationMode { Nearest = 0, Bilinear = 1, Area = 2, Bicubic = 3 }
public enum PaddingMode { Constant = 0, Reflect = 1, Replicate = 2 }

/// <summary>torch.nn.functional: stateless network functions, differentiable through libtorch's autograd.</summary>
public static unsafe class F
{
    private static IntPtr Optional(Tensor? t) => t?.Handle.DangerousGetHandle() ?? IntPtr.Zero;

    public static Tensor conv2d(Tensor input, Tensor weight, Tensor? bias = null, int stride = 1, int padding = 0, int dilation = 1, int groups = 1)
    {
        long* s = stackalloc long[] { stride, stride };
        long* p = stackalloc long[] { padding, padding };
        long* d = stackalloc long[] { dilation, dilation };
        var result = new Tensor(NativeMethods.cpx_conv2d(input.Handle, weight.Handle, Optional(bias), s, p, d, groups));
        GC.KeepAlive(bias);
        return result;
    }

    public static Tensor conv_transpose2d(Tensor input, Tensor weight, Tensor? bias = null, int stride = 1, int padding = 0,
        int output_padding = 0, int groups = 1, int dilation = 1)
    {
        long* s = stackalloc long[] { stride, stride };
        long* p = stackalloc long[] { padding, padding };
        long* o = stackalloc long[] { output_padding, output_padding };
        long* d = stackalloc long[] { dilation, dilation };
        var result = new Tensor(NativeMethods.cpx_conv_transpose2d(input.Handle, weight.Handle, Optional(bias), s, p, o, d, groups));
        GC.KeepAlive(bias);
        return result;
    }

    /// <summary>Batch norm; in training mode the running statistics are updated in place.</summary>
    public static Tensor batch_norm(Tensor input, Tensor? running_mean, Tensor? running_var, Tensor? weight = null, Tensor? bias = null,
        bool training = false, double momentum = 0.1, double eps = 1e-5)
    {
        var result = new Tensor(NativeMethods.cpx_batch_norm(input.Handle, Optional(weight), Optional(bias),
            Optional(running_mean), Optional(running_var), training ? 1 : 0, momentum, eps));
        GC.KeepAlive(weight); GC.KeepAlive(bias); GC.KeepAlive(running_mean); GC.KeepAlive(running_var);
        return result;
    }

    public static Tensor instance_norm(Tensor input, Tensor? running_mean = null, Tensor? running_var = null, Tensor? weight = null,
        Tensor? bias = null, bool use_input_stats = true, double momentum = 0.1, double eps = 1e-5)
    {
        var result = new Tensor(NativeMethods.cpx_instance_norm(input.Handle, Optional(weight), Optional(bias),
            Optional(running_mean), Optional(running_var), use_input_stats ? 1 : 0, momentum, eps));
        GC.KeepAlive(weight); GC.KeepAlive(bias); GC.KeepAlive(running_mean); GC.KeepAlive(running_var);
        return result;
    }

    public static Tensor relu(Tensor x) => x.relu();
    public static Tensor leaky_relu(Tensor x, double negative_slope = 0.01) => x.leaky_relu(negative_slope);
    public static Tensor tanh(Tensor x) => x.tanh();
    public static Tensor sigmoid(Tensor x) => x.sigmoid();
    public static Tensor dropout(Tensor x, double p = 0.5, bool training = true) => new(NativeMethods.cpx_dropout(x.Handle, p, training ? 1 : 0));

    public static Tensor interpolate(Tensor x, long height, long width, InterpolationMode mode = InterpolationMode.Nearest, bool align_corners = false) =>
        new(NativeMethods.cpx_interpolate(x.Handle, height, width, (int)mode, align_corners ? 1 : 0));

    /// <summary>Pads as torch.nn.functional.pad: pairs of (before, after) starting from the last dimension.</summary>
    public static Tensor pad(Tensor x, long[] pads, PaddingMode mode = PaddingMode.Constant, double value = 0)
    {
        fixed (long* p = pads) return new(NativeMethods.cpx_pad(x.Handle, p, pads.Length, (int)mode, value));
    }

    public static Tensor avg_pool2d(Tensor x, int kernel_size, int? stride = null, int padding = 0)
    {
        long* k = stackalloc long[] { kernel_size, kernel_size };
        long* s = stackalloc long[] { stride ?? kernel_size, stride ?? kernel_size };
        long* p = stackalloc long[] { padding, padding };
        return new(NativeMethods.cpx_avg_pool2d(x.Handle, k, s, p));
    }

    public static Tensor mse_loss(Tensor input, Tensor target, Reduction reduction = Reduction.Mean) =>
        new(NativeMethods.cpx_mse_loss(input.Handle, target.Handle, (int)reduction));

    public static Tensor l1_loss(Tensor input, Tensor target, Reduction reduction = Reduction.Mean) =>
        new(NativeMethods.cpx_l1_loss(input.Handle, target.Handle, (int)reduction));

    public static Tensor binary_cross_entropy_with_logits(Tensor input, Tensor target, Reduction reduction = Reduction.Mean) =>
        new(NativeMethods.cpx_bce_with_logits(input.Handle, target.Handle, (int)reduction));
}
