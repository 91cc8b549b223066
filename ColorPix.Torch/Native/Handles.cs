using System.Runtime.InteropServices;

namespace ColorPix.Torch.Native;

/// <summary>Owns one native at::Tensor; freed exactly once, by Dispose or by the finalizer.</summary>
internal sealed class TensorHandle : SafeHandle
{
    public TensorHandle() : base(IntPtr.Zero, ownsHandle: true) { }
    public TensorHandle(IntPtr handle) : base(IntPtr.Zero, ownsHandle: true) => SetHandle(handle);
    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        NativeMethods.cpx_tensor_free(handle);
        return true;
    }
}

/// <summary>Owns one native cv::Mat.</summary>
internal sealed class ImageHandle : SafeHandle
{
    public ImageHandle() : base(IntPtr.Zero, ownsHandle: true) { }
    public ImageHandle(IntPtr handle) : base(IntPtr.Zero, ownsHandle: true) => SetHandle(handle);
    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        NativeMethods.cpx_image_free(handle);
        return true;
    }
}
