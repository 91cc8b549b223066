using System.Runtime.InteropServices;

namespace ColorPix.Torch.Native;

internal static unsafe partial class NativeMethods
{
    [LibraryImport(Library)] internal static partial IntPtr cpx_conv2d(TensorHandle x, TensorHandle w, IntPtr b, long* stride, long* padding, long* dilation, long groups);
    [LibraryImport(Library)] internal static partial IntPtr cpx_conv_transpose2d(TensorHandle x, TensorHandle w, IntPtr b, long* stride, long* padding, long* outputPadding, long* dilation, long groups);
    [LibraryImport(Library)] internal static partial IntPtr cpx_batch_norm(TensorHandle x, IntPtr w, IntPtr b, IntPtr runningMean, IntPtr runningVar, int training, double momentum, double eps);
    [LibraryImport(Library)] internal static partial IntPtr cpx_instance_norm(TensorHandle x, IntPtr w, IntPtr b, IntPtr runningMean, IntPtr runningVar, int useInputStats, double momentum, double eps);
    [LibraryImport(Library)] internal static partial IntPtr cpx_dropout(TensorHandle x, double p, int training);
    [LibraryImport(Library)] internal static partial IntPtr cpx_interpolate(TensorHandle x, long outH, long outW, int mode, int alignCorners);
    [LibraryImport(Library)] internal static partial IntPtr cpx_pad(TensorHandle x, long* pads, int npads, int mode, double value);
    [LibraryImport(Library)] internal static partial IntPtr cpx_mse_loss(TensorHandle x, TensorHandle y, int reduction);
    [LibraryImport(Library)] internal static partial IntPtr cpx_l1_loss(TensorHandle x, TensorHandle y, int reduction);
    [LibraryImport(Library)] internal static partial IntPtr cpx_bce_with_logits(TensorHandle x, TensorHandle y, int reduction);
    [LibraryImport(Library)] internal static partial IntPtr cpx_avg_pool2d(TensorHandle x, long* kernel, long* stride, long* padding);
    [LibraryImport(Library)] internal static partial int cpx_optim_adam_step(IntPtr* parameters, IntPtr* expAvg, IntPtr* expAvgSq, int n, long step, double lr, double beta1, double beta2, double eps, double weightDecay);
}
