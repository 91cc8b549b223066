using System.Runtime.InteropServices;

namespace ColorPix.Torch.Native;

internal static unsafe partial class NativeMethods
{
    [LibraryImport(Library)] internal static partial void cpx_tensor_free(IntPtr t);
    [LibraryImport(Library)] internal static partial long cpx_tensor_live_count();
    [LibraryImport(Library)] internal static partial IntPtr cpx_tensor_from_data(void* data, long nbytes, long* shape, int ndim, int dtype, int deviceType, int deviceIndex);
    [LibraryImport(Library)] internal static partial int cpx_tensor_copy_to(TensorHandle t, void* dst, long nbytes);
    [LibraryImport(Library)] internal static partial IntPtr cpx_tensor_full(long* shape, int ndim, double value, int dtype, int deviceType, int deviceIndex);
    [LibraryImport(Library)] internal static partial IntPtr cpx_tensor_rand(long* shape, int ndim, int normal, int dtype, int deviceType, int deviceIndex);
    [LibraryImport(Library)] internal static partial IntPtr cpx_tensor_arange(double start, double end, double step, int dtype, int deviceType, int deviceIndex);
    [LibraryImport(Library)] internal static partial int cpx_tensor_ndim(TensorHandle t);
    [LibraryImport(Library)] internal static partial int cpx_tensor_shape(TensorHandle t, long* shape);
    [LibraryImport(Library)] internal static partial int cpx_tensor_dtype(TensorHandle t);
    [LibraryImport(Library)] internal static partial int cpx_tensor_device(TensorHandle t, int* index);
    [LibraryImport(Library)] internal static partial double cpx_tensor_item(TensorHandle t, int* ok);
    [LibraryImport(Library)] internal static partial int cpx_tensor_requires_grad(TensorHandle t);
    [LibraryImport(Library)] internal static partial int cpx_tensor_set_requires_grad(TensorHandle t, int value);
    [LibraryImport(Library)] internal static partial IntPtr cpx_tensor_grad(TensorHandle t);
    [LibraryImport(Library)] internal static partial int cpx_tensor_zero_grad(TensorHandle t);
    [LibraryImport(Library)] internal static partial int cpx_tensor_backward(TensorHandle t, IntPtr grad, int retainGraph);
    [LibraryImport(Library)] internal static partial IntPtr cpx_tensor_to(TensorHandle t, int dtype, int deviceType, int deviceIndex);
    [LibraryImport(Library)] internal static partial IntPtr cpx_tensor_clone(TensorHandle t);
    [LibraryImport(Library)] internal static partial IntPtr cpx_tensor_detach(TensorHandle t);
    [LibraryImport(Library)] internal static partial IntPtr cpx_tensor_contiguous(TensorHandle t);
    [LibraryImport(Library)] internal static partial IntPtr cpx_tensor_to_string(TensorHandle t);
    [LibraryImport(Library)] internal static partial int cpx_tensor_normal_(TensorHandle t, double mean, double std);
    [LibraryImport(Library)] internal static partial int cpx_tensor_uniform_(TensorHandle t, double from, double to);
    [LibraryImport(Library)] internal static partial int cpx_tensor_fill_(TensorHandle t, double value);
    [LibraryImport(Library)] internal static partial int cpx_tensor_copy_(TensorHandle dst, TensorHandle src);
    [LibraryImport(Library)] internal static partial int cpx_tensor_set_data(TensorHandle t, TensorHandle data);
    [LibraryImport(Library)] internal static partial IntPtr cpx_tensor_alias(TensorHandle t);
    [LibraryImport(Library)] internal static partial int cpx_tensor_scalar_(int op, TensorHandle t, double value);
}
