using System.Runtime.InteropServices;
using ColorPix.Torch.Native;

namespace ColorPix.Torch;

/// <summary>Tensor creation and global state, named as in PyTorch.</summary>
public static unsafe partial class torch
{
    public static Tensor tensor<T>(ReadOnlySpan<T> values, long[] shape, Device? device = null) where T : unmanaged
    {
        var type = ScalarTypeOf<T>();
        var expected = shape.Aggregate(1L, (a, b) => a * b);
        if (expected != values.Length)
            throw new TorchException($"{values.Length} values do not fill shape [{string.Join(", ", shape)}]");
        var target = device ?? Device.CPU;
        fixed (T* data = values)
        fixed (long* dims = shape)
            return new Tensor(NativeMethods.cpx_tensor_from_data(data, (long)values.Length * sizeof(T), dims, shape.Length, (int)type, (int)target.Type, target.Index));
    }

    public static Tensor tensor<T>(T[] values, params long[] shape) where T : unmanaged =>
        tensor<T>(values.AsSpan(), shape.Length == 0 ? [values.LongLength] : shape);

    public static Tensor tensor(double scalar, ScalarType dtype = ScalarType.Float32) => full([], scalar, dtype);

    /// <summary>A tensor over raw little-endian bytes (safetensors, checkpoints).</summary>
    public static Tensor from_bytes(ReadOnlySpan<byte> bytes, ScalarType dtype, long[] shape, Device? device = null)
    {
        var target = device ?? Device.CPU;
        fixed (byte* data = bytes)
        fixed (long* dims = shape)
            return new Tensor(NativeMethods.cpx_tensor_from_data(data, bytes.Length, dims, shape.Length, (int)dtype, (int)target.Type, target.Index));
    }

    internal static ScalarType ScalarTypeOf<T>() where T : unmanaged => typeof(T) switch
    {
        var t when t == typeof(float) => ScalarType.Float32,
        var t when t == typeof(double) => ScalarType.Float64,
        var t when t == typeof(byte) => ScalarType.Byte,
        var t when t == typeof(int) => ScalarType.Int32,
        var t when t == typeof(long) => ScalarType.Int64,
        var t when t == typeof(bool) => ScalarType.Bool,
        var t when t == typeof(Half) => ScalarType.Float16,
        _ => throw new TorchException($"no tensor type for {typeof(T).Name}"),
    };

    public static Tensor full(long[] shape, double value, ScalarType dtype = ScalarType.Float32, Device? device = null)
    {
        var target = device ?? Device.CPU;
        fixed (long* dims = shape)
            return new Tensor(NativeMethods.cpx_tensor_full(dims, shape.Length, value, (int)dtype, (int)target.Type, target.Index));
    }

    public static Tensor zeros(long[] shape, ScalarType dtype = ScalarType.Float32, Device? device = null) => full(shape, 0, dtype, device);
    public static Tensor ones(long[] shape, ScalarType dtype = ScalarType.Float32, Device? device = null) => full(shape, 1, dtype, device);
    public static Tensor zeros(params long[] shape) => full(shape, 0);
    public static Tensor ones(params long[] shape) => full(shape, 1);
    public static Tensor zeros_like(Tensor t) => full(t.shape, 0, t.dtype, t.device);
    public static Tensor ones_like(Tensor t) => full(t.shape, 1, t.dtype, t.device);

    private static Tensor Random(long[] shape, bool normal, ScalarType dtype, Device? device)
    {
        var target = device ?? Device.CPU;
        fixed (long* dims = shape)
            return new Tensor(NativeMethods.cpx_tensor_rand(dims, shape.Length, normal ? 1 : 0, (int)dtype, (int)target.Type, target.Index));
    }

    /// <summary>Uniform on [0, 1).</summary>
    public static Tensor rand(long[] shape, ScalarType dtype = ScalarType.Float32, Device? device = null) => Random(shape, false, dtype, device);
    public static Tensor rand(params long[] shape) => Random(shape, false, ScalarType.Float32, null);
    public static Tensor randn(long[] shape, ScalarType dtype = ScalarType.Float32, Device? device = null) => Random(shape, true, dtype, device);
    public static Tensor randn(params long[] shape) => Random(shape, true, ScalarType.Float32, null);

    public static Tensor arange(double start, double end, double step = 1, ScalarType dtype = ScalarType.Float32, Device? device = null)
    {
        var target = device ?? Device.CPU;
        return new Tensor(NativeMethods.cpx_tensor_arange(start, end, step, (int)dtype, (int)target.Type, target.Index));
    }

    public static Tensor cat(IReadOnlyList<Tensor> tensors, long dim = 0) => Join(tensors, dim, stack: false);
    public static Tensor stack(IReadOnlyList<Tensor> tensors, long dim = 0) => Join(tensors, dim, stack: true);

    private static Tensor Join(IReadOnlyList<Tensor> tensors, long dim, bool stack)
    {
        var handles = new IntPtr[tensors.Count];
        for (var i = 0; i < handles.Length; i++) handles[i] = tensors[i].Handle.DangerousGetHandle();
        fixed (IntPtr* p = handles)
        {
            var result = stack ? NativeMethods.cpx_stack(p, handles.Length, dim) : NativeMethods.cpx_cat(p, handles.Length, dim);
            GC.KeepAlive(tensors);
            return new Tensor(result);
        }
    }

    public static Tensor where(Tensor condition, Tensor a, Tensor b) => new(NativeMethods.cpx_where(condition.Handle, a.Handle, b.Handle));

    public static DisposeScope NewDisposeScope() => new();

    /// <summary>Disables gradient recording on this thread until disposed (PyTorch's torch.no_grad()).</summary>
    public static IDisposable no_grad() => new GradModeScope(false);
    public static IDisposable enable_grad() => new GradModeScope(true);
    public static bool is_grad_enabled() => NativeMethods.cpx_grad_enabled() == 1;

    private sealed class GradModeScope(bool enabled) : IDisposable
    {
        private readonly bool previous = NativeMethods.cpx_set_grad_enabled(enabled ? 1 : 0) == 1;
        public void Dispose() => NativeMethods.cpx_set_grad_enabled(previous ? 1 : 0);
    }

    public static void manual_seed(ulong seed) => NativeMethods.Check(NativeMethods.cpx_manual_seed(seed));
    public static int get_num_threads() => NativeMethods.cpx_get_num_threads();
    public static void set_num_threads(int threads) => NativeMethods.Check(NativeMethods.cpx_set_num_threads(threads));

    /// <summary>Native tensors alive in this process: a leak check for scopes and tests.</summary>
    public static long live_tensor_count() => NativeMethods.cpx_tensor_live_count();

    public static string version => Marshal.PtrToStringUTF8(NativeMethods.cpx_torch_version()) ?? "";
    public static string opencv_version => Marshal.PtrToStringUTF8(NativeMethods.cpx_opencv_version()) ?? "";
    public static string blas_library => Marshal.PtrToStringUTF8(NativeMethods.cpx_blas_library()) ?? "";

    public static class cuda
    {
        public static int device_count() => NativeMethods.cpx_cuda_device_count();
        public static bool is_available() => device_count() > 0;
    }
}
