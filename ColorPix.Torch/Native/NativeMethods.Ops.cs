using System.Runtime.InteropServices;

namespace ColorPix.Torch.Native;

internal static unsafe partial class NativeMethods
{
    [LibraryImport(Library)] internal static partial IntPtr cpx_binary(int op, TensorHandle a, TensorHandle b);
    [LibraryImport(Library)] internal static partial IntPtr cpx_binary_scalar(int op, TensorHandle a, double b);
    [LibraryImport(Library)] internal static partial IntPtr cpx_rsub_scalar(TensorHandle a, double b);
    [LibraryImport(Library)] internal static partial IntPtr cpx_rdiv_scalar(TensorHandle a, double b);
    [LibraryImport(Library)] internal static partial IntPtr cpx_unary(int op, TensorHandle a);
    [LibraryImport(Library)] internal static partial IntPtr cpx_leaky_relu(TensorHandle a, double slope);
    [LibraryImport(Library)] internal static partial IntPtr cpx_clamp(TensorHandle a, double min, int hasMin, double max, int hasMax);
    [LibraryImport(Library)] internal static partial IntPtr cpx_where(TensorHandle cond, TensorHandle a, TensorHandle b);
    [LibraryImport(Library)] internal static partial IntPtr cpx_reduce(int op, TensorHandle a, long* dims, int ndims, int keepdim);
    [LibraryImport(Library)] internal static partial IntPtr cpx_argmax(TensorHandle a, long dim, int keepdim);
    [LibraryImport(Library)] internal static partial IntPtr cpx_cat(IntPtr* tensors, int n, long dim);
    [LibraryImport(Library)] internal static partial IntPtr cpx_stack(IntPtr* tensors, int n, long dim);
    [LibraryImport(Library)] internal static partial IntPtr cpx_slice(TensorHandle a, long dim, long start, long end, long step);
    [LibraryImport(Library)] internal static partial IntPtr cpx_index_select(TensorHandle a, long dim, TensorHandle index);
    [LibraryImport(Library)] internal static partial IntPtr cpx_reshape(TensorHandle a, long* shape, int ndim);
    [LibraryImport(Library)] internal static partial IntPtr cpx_view(TensorHandle a, long* shape, int ndim);
    [LibraryImport(Library)] internal static partial IntPtr cpx_permute(TensorHandle a, long* dims, int ndim);
    [LibraryImport(Library)] internal static partial IntPtr cpx_expand(TensorHandle a, long* shape, int ndim);
    [LibraryImport(Library)] internal static partial IntPtr cpx_squeeze(TensorHandle a, long dim);
    [LibraryImport(Library)] internal static partial IntPtr cpx_unsqueeze(TensorHandle a, long dim);
    [LibraryImport(Library)] internal static partial IntPtr cpx_flip(TensorHandle a, long* dims, int ndim);
}
