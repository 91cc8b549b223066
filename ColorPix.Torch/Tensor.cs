using System.Runtime.InteropServices;
using ColorPix.Torch.Native;

namespace ColorPix.Torch;

/// <summary>
/// A libtorch tensor. Owns its native handle: dispose it, or let a <see cref="DisposeScope"/> do so.
/// Operations are in Tensor.Math.cs, Tensor.Shape.cs; creation functions are on <see cref="torch"/>.
/// </summary>
public sealed partial class Tensor : IDisposable
{
    internal readonly TensorHandle Handle;
    private DisposeScope? scope;

    internal Tensor(IntPtr handle)
    {
        Handle = new TensorHandle(NativeMethods.Check(handle));
        scope = DisposeScope.Current;
        scope?.Add(this);
    }

    public bool IsDisposed => Handle.IsClosed;

    public void Dispose()
    {
        scope?.Remove(this);
        scope = null;
        Handle.Dispose();
    }

    internal void DisposeFromScope()
    {
        scope = null;
        Handle.Dispose();
    }

    /// <summary>Hands the tensor to the enclosing scope (or to nobody, at the outermost one).</summary>
    public Tensor MoveToOuterDisposeScope()
    {
        if (scope is { } owner && owner.Remove(this))
        {
            scope = owner.Outer;
            scope?.Add(this);
        }
        return this;
    }

    /// <summary>Takes the tensor out of any scope: the caller now disposes it (parameters, buffers, results).</summary>
    public Tensor DetachFromDisposeScope()
    {
        scope?.Remove(this);
        scope = null;
        return this;
    }

    public unsafe long[] shape
    {
        get
        {
            var shape = new long[NativeMethods.Check(NativeMethods.cpx_tensor_ndim(Handle))];
            fixed (long* p = shape) NativeMethods.Check(NativeMethods.cpx_tensor_shape(Handle, p));
            return shape;
        }
    }

    public int dim() => NativeMethods.Check(NativeMethods.cpx_tensor_ndim(Handle));
    public long size(int dim) { var s = shape; return s[dim < 0 ? s.Length + dim : dim]; }
    public long numel() => shape.Aggregate(1L, (a, b) => a * b);
    public ScalarType dtype => (ScalarType)NativeMethods.Check(NativeMethods.cpx_tensor_dtype(Handle));

    public unsafe Device device
    {
        get
        {
            int index;
            var type = NativeMethods.Check(NativeMethods.cpx_tensor_device(Handle, &index));
            return new Device((DeviceType)type, index);
        }
    }

    public bool requires_grad
    {
        get => NativeMethods.Check(NativeMethods.cpx_tensor_requires_grad(Handle)) == 1;
        set => NativeMethods.Check(NativeMethods.cpx_tensor_set_requires_grad(Handle, value ? 1 : 0));
    }

    public Tensor requires_grad_(bool value = true)
    {
        requires_grad = value;
        return this;
    }

    /// <summary>The accumulated gradient, or null before any backward pass.</summary>
    public Tensor? grad
    {
        get
        {
            var g = NativeMethods.cpx_tensor_grad(Handle);
            if (g == IntPtr.Zero)
                return Marshal.PtrToStringUTF8(NativeMethods.cpx_last_error()) is { Length: > 0 } ? throw NativeMethods.LastError() : null;
            return new Tensor(g);
        }
    }

    public void zero_grad() => NativeMethods.Check(NativeMethods.cpx_tensor_zero_grad(Handle));

    public void backward(Tensor? gradient = null, bool retain_graph = false)
    {
        NativeMethods.Check(NativeMethods.cpx_tensor_backward(Handle, gradient?.Handle.DangerousGetHandle() ?? IntPtr.Zero, retain_graph ? 1 : 0));
        GC.KeepAlive(gradient);
    }

    public unsafe double item()
    {
        int ok;
        var value = NativeMethods.cpx_tensor_item(Handle, &ok);
        return ok == 1 ? value : throw NativeMethods.LastError();
    }

    public float ToSingle() => (float)item();

    public Tensor to(ScalarType type) => to(type, device);
    public Tensor to(Device target) => to(dtype, target);
    public Tensor to(ScalarType type, Device target) =>
        new(NativeMethods.cpx_tensor_to(Handle, (int)type, (int)target.Type, target.Index));

    public Tensor clone() => new(NativeMethods.cpx_tensor_clone(Handle));
    public Tensor detach() => new(NativeMethods.cpx_tensor_detach(Handle));
    public Tensor contiguous() => new(NativeMethods.cpx_tensor_contiguous(Handle));
    public Tensor cpu() => to(Device.CPU);

    /// <summary>Copies the elements (moved to CPU, made contiguous) into a new managed array.</summary>
    public unsafe T[] data<T>() where T : unmanaged
    {
        var elementSize = dtype.ElementSize();
        if (sizeof(T) != elementSize)
            throw new TorchException($"cannot read a {dtype} tensor as {typeof(T).Name}");
        var result = new T[numel()];
        fixed (T* p = result) NativeMethods.Check(NativeMethods.cpx_tensor_copy_to(Handle, p, (long)result.Length * elementSize));
        return result;
    }

    /// <summary>The raw little-endian bytes of the elements (CPU, contiguous).</summary>
    public unsafe byte[] bytes()
    {
        var result = new byte[numel() * dtype.ElementSize()];
        fixed (byte* p = result) NativeMethods.Check(NativeMethods.cpx_tensor_copy_to(Handle, p, result.Length));
        return result;
    }

    // In-place initialisers (outside autograd).
    public Tensor normal_(double mean = 0, double std = 1) { NativeMethods.Check(NativeMethods.cpx_tensor_normal_(Handle, mean, std)); return this; }
    public Tensor uniform_(double from = 0, double to = 1) { NativeMethods.Check(NativeMethods.cpx_tensor_uniform_(Handle, from, to)); return this; }
    public Tensor fill_(double value) { NativeMethods.Check(NativeMethods.cpx_tensor_fill_(Handle, value)); return this; }
    public Tensor zero_() => fill_(0);
    public Tensor copy_(Tensor source) { NativeMethods.Check(NativeMethods.cpx_tensor_copy_(Handle, source.Handle)); return this; }
    public Tensor add_(double value) { NativeMethods.Check(NativeMethods.cpx_tensor_scalar_(0, Handle, value)); return this; }
    public Tensor mul_(double value) { NativeMethods.Check(NativeMethods.cpx_tensor_scalar_(1, Handle, value)); return this; }

    /// <summary>A second Tensor object on the same data and autograd node (each disposed separately).</summary>
    public Tensor alias() => new(NativeMethods.cpx_tensor_alias(Handle));
    public void set_data(Tensor data) => NativeMethods.Check(NativeMethods.cpx_tensor_set_data(Handle, data.Handle));

    public override string ToString() =>
        IsDisposed ? "Tensor(disposed)" : $"Tensor[{string.Join(", ", shape)}, {dtype}, {device}]";

    public string ToText() => Marshal.PtrToStringUTF8(NativeMethods.Check(NativeMethods.cpx_tensor_to_string(Handle))) ?? "";
}
