using System.Runtime.InteropServices;

namespace ColorPix.Torch.Native;

internal static partial class NativeMethods
{
    [LibraryImport(Library)] internal static partial IntPtr cpx_torch_version();
    [LibraryImport(Library)] internal static partial IntPtr cpx_opencv_version();
    [LibraryImport(Library)] internal static partial IntPtr cpx_blas_library();
    [LibraryImport(Library)] internal static partial int cpx_get_num_threads();
    [LibraryImport(Library)] internal static partial int cpx_set_num_threads(int n);
    [LibraryImport(Library)] internal static partial int cpx_cuda_device_count();
    [LibraryImport(Library)] internal static partial int cpx_manual_seed(ulong seed);
    [LibraryImport(Library)] internal static partial int cpx_grad_enabled();
    [LibraryImport(Library)] internal static partial int cpx_set_grad_enabled(int enabled);
}
