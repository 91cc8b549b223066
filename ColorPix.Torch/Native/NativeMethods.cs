using System.Runtime.InteropServices;

namespace ColorPix.Torch.Native;

/// <summary>The flat C ABI of native/include/colorpix.h. One partial file per native area.</summary>
internal static partial class NativeMethods
{
    internal const string Library = "colorpix_native";

    [LibraryImport(Library)]
    internal static partial IntPtr cpx_last_error();

    /// <summary>Throws the native layer's last error when a call returned its failure value.</summary>
    internal static IntPtr Check(IntPtr result) => result == IntPtr.Zero ? throw LastError() : result;

    internal static int Check(int result) => result < 0 ? throw LastError() : result;

    internal static TorchException LastError()
    {
        var message = Marshal.PtrToStringUTF8(cpx_last_error());
        return new TorchException(string.IsNullOrEmpty(message) ? "native call failed" : message);
    }
}
