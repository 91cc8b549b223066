using ColorPix.Torch.Native;

namespace ColorPix.Torch;

public sealed partial class Tensor
{
    public unsafe Tensor reshape(params long[] shape)
    {
        fixed (long* p = shape) return new(NativeMethods.cpx_reshape(Handle, p, shape.Length));
    }

    public unsafe Tensor view(params long[] shape)
    {
        fixed (long* p = shape) return new(NativeMethods.cpx_view(Handle, p, shape.Length));
    }

    public unsafe Tensor permute(params long[] dims)
    {
        fixed (long* p = dims) return new(NativeMethods.cpx_permute(Handle, p, dims.Length));
    }

    public unsafe Tensor expand(params long[] shape)
    {
        fixed (long* p = shape) return new(NativeMethods.cpx_expand(Handle, p, shape.Length));
    }

    public unsafe Tensor flip(params long[] dims)
    {
        fixed (long* p = dims) return new(NativeMethods.cpx_flip(Handle, p, dims.Length));
    }

    public Tensor flatten(int start_dim = 0)
    {
        var s = shape;
        if (start_dim < 0) start_dim += s.Length;
        return reshape([.. s.Take(start_dim), -1]);
    }

    public Tensor squeeze(long dim) => new(NativeMethods.cpx_squeeze(Handle, dim));
    public Tensor unsqueeze(long dim) => new(NativeMethods.cpx_unsqueeze(Handle, dim));

    /// <summary>Elements start..end-1 (by step) along dim; negative and out-of-range bounds as in Python.</summary>
    public Tensor slice(long dim, long start, long end, long step = 1) => new(NativeMethods.cpx_slice(Handle, dim, start, end, step));

    public Tensor narrow(long dim, long start, long length) => slice(dim, start, start + length);
    public Tensor index_select(long dim, Tensor index) => new(NativeMethods.cpx_index_select(Handle, dim, index.Handle));

    /// <summary>t[i] along the first dimension (like Python indexing).</summary>
    public Tensor this[long index] => narrow(0, index, 1).squeeze(0);
}
