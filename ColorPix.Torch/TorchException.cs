namespace ColorPix.Torch;

/// <summary>An error raised by libtorch or OpenCV (wrong shape, dtype, device, corrupt image...),
/// carrying the native library's own message. The process keeps working after it.</summary>
public sealed class TorchException(string message) : Exception(message);
