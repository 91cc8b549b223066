using System.Runtime.InteropServices;

namespace ColorPix.Torch.Native;

internal static unsafe partial class NativeMethods
{
    [LibraryImport(Library)] internal static partial void cpx_image_free(IntPtr img);
    [LibraryImport(Library)] internal static partial long cpx_image_live_count();
    [LibraryImport(Library)] internal static partial IntPtr cpx_image_decode(byte* data, long len, long maxPixels, int flags);
    [LibraryImport(Library)] internal static partial IntPtr cpx_image_from_pixels(byte* pixels, int width, int height, int channels);
    [LibraryImport(Library)] internal static partial int cpx_image_info(ImageHandle img, int* width, int* height, int* channels);
    [LibraryImport(Library)] internal static partial int cpx_image_copy_pixels(ImageHandle img, byte* dst, long nbytes);
    [LibraryImport(Library)] internal static partial byte* cpx_image_encode(ImageHandle img, int format, int quality, long* outLen);
    [LibraryImport(Library)] internal static partial void cpx_buffer_free(byte* buffer);
    [LibraryImport(Library)] internal static partial IntPtr cpx_image_resize(ImageHandle img, int width, int height, int interpolation);
}
