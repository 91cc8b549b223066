using ColorPix.Torch.Native;

namespace ColorPix.Torch;

public sealed partial class Tensor
{
    private enum Binary { Add, Sub, Mul, Div, Pow, Eq, Ne, Lt, Le, Gt, Ge, Maximum, Minimum, Matmul, Atan2 }
    private enum Unary { Neg, Abs, Sqrt, Exp, Log, Relu, Tanh, Sigmoid, Sign, Floor, Round, Cos, Sin, LogicalNot, Square }
    private enum Reduction { Sum, Mean, Max, Min, Std, Var }

    private Tensor Apply(Binary op, Tensor other) => new(NativeMethods.cpx_binary((int)op, Handle, other.Handle));
    private Tensor Apply(Binary op, double other) => new(NativeMethods.cpx_binary_scalar((int)op, Handle, other));
    private Tensor Apply(Unary op) => new(NativeMethods.cpx_unary((int)op, Handle));

    public Tensor add(Tensor other) => Apply(Binary.Add, other);
    public Tensor add(double other) => Apply(Binary.Add, other);
    public Tensor sub(Tensor other) => Apply(Binary.Sub, other);
    public Tensor sub(double other) => Apply(Binary.Sub, other);
    public Tensor mul(Tensor other) => Apply(Binary.Mul, other);
    public Tensor mul(double other) => Apply(Binary.Mul, other);
    public Tensor div(Tensor other) => Apply(Binary.Div, other);
    public Tensor div(double other) => Apply(Binary.Div, other);
    public Tensor pow(Tensor exponent) => Apply(Binary.Pow, exponent);
    public Tensor pow(double exponent) => Apply(Binary.Pow, exponent);
    public Tensor matmul(Tensor other) => Apply(Binary.Matmul, other);
    public Tensor atan2(Tensor other) => Apply(Binary.Atan2, other);
    public Tensor maximum(Tensor other) => Apply(Binary.Maximum, other);
    public Tensor minimum(Tensor other) => Apply(Binary.Minimum, other);

    public Tensor eq(Tensor other) => Apply(Binary.Eq, other);
    public Tensor eq(double other) => Apply(Binary.Eq, other);
    public Tensor ne(Tensor other) => Apply(Binary.Ne, other);
    public Tensor ne(double other) => Apply(Binary.Ne, other);
    public Tensor lt(Tensor other) => Apply(Binary.Lt, other);
    public Tensor lt(double other) => Apply(Binary.Lt, other);
    public Tensor le(Tensor other) => Apply(Binary.Le, other);
    public Tensor le(double other) => Apply(Binary.Le, other);
    public Tensor gt(Tensor other) => Apply(Binary.Gt, other);
    public Tensor gt(double other) => Apply(Binary.Gt, other);
    public Tensor ge(Tensor other) => Apply(Binary.Ge, other);
    public Tensor ge(double other) => Apply(Binary.Ge, other);

    public Tensor neg() => Apply(Unary.Neg);
    public Tensor abs() => Apply(Unary.Abs);
    public Tensor sqrt() => Apply(Unary.Sqrt);
    public Tensor exp() => Apply(Unary.Exp);
    public Tensor log() => Apply(Unary.Log);
    public Tensor relu() => Apply(Unary.Relu);
    public Tensor tanh() => Apply(Unary.Tanh);
    public Tensor sigmoid() => Apply(Unary.Sigmoid);
    public Tensor sign() => Apply(Unary.Sign);
    public Tensor floor() => Apply(Unary.Floor);
    public Tensor round() => Apply(Unary.Round);
    public Tensor cos() => Apply(Unary.Cos);
    public Tensor sin() => Apply(Unary.Sin);
    public Tensor logical_not() => Apply(Unary.LogicalNot);
    public Tensor square() => Apply(Unary.Square);
    public Tensor leaky_relu(double negative_slope = 0.01) => new(NativeMethods.cpx_leaky_relu(Handle, negative_slope));

    public Tensor clamp(double? min = null, double? max = null) =>
        new(NativeMethods.cpx_clamp(Handle, min ?? 0, min.HasValue ? 1 : 0, max ?? 0, max.HasValue ? 1 : 0));

    private unsafe Tensor Reduce(Reduction op, long[] dims, bool keepdim)
    {
        fixed (long* p = dims) return new(NativeMethods.cpx_reduce((int)op, Handle, p, dims.Length, keepdim ? 1 : 0));
    }

    public Tensor sum() => Reduce(Reduction.Sum, [], false);
    public Tensor sum(long[] dims, bool keepdim = false) => Reduce(Reduction.Sum, dims, keepdim);
    public Tensor sum(long dim, bool keepdim = false) => Reduce(Reduction.Sum, [dim], keepdim);
    public Tensor mean() => Reduce(Reduction.Mean, [], false);
    public Tensor mean(long[] dims, bool keepdim = false) => Reduce(Reduction.Mean, dims, keepdim);
    public Tensor mean(long dim, bool keepdim = false) => Reduce(Reduction.Mean, [dim], keepdim);
    public Tensor max() => Reduce(Reduction.Max, [], false);
    public Tensor max(long[] dims, bool keepdim = false) => Reduce(Reduction.Max, dims, keepdim);
    public Tensor max(long dim, bool keepdim = false) => Reduce(Reduction.Max, [dim], keepdim);
    public Tensor min() => Reduce(Reduction.Min, [], false);
    public Tensor min(long[] dims, bool keepdim = false) => Reduce(Reduction.Min, dims, keepdim);
    public Tensor min(long dim, bool keepdim = false) => Reduce(Reduction.Min, [dim], keepdim);
    public Tensor std() => Reduce(Reduction.Std, [], false);
    public Tensor std(long[] dims, bool keepdim = false) => Reduce(Reduction.Std, dims, keepdim);
    public Tensor var() => Reduce(Reduction.Var, [], false);
    public Tensor var(long[] dims, bool keepdim = false) => Reduce(Reduction.Var, dims, keepdim);
    public Tensor argmax(long dim, bool keepdim = false) => new(NativeMethods.cpx_argmax(Handle, dim, keepdim ? 1 : 0));

    public static Tensor operator +(Tensor a, Tensor b) => a.add(b);
    public static Tensor operator +(Tensor a, double b) => a.add(b);
    public static Tensor operator +(double a, Tensor b) => b.add(a);
    public static Tensor operator -(Tensor a, Tensor b) => a.sub(b);
    public static Tensor operator -(Tensor a, double b) => a.sub(b);
    public static Tensor operator -(double a, Tensor b) => new(NativeMethods.cpx_rsub_scalar(b.Handle, a));
    public static Tensor operator -(Tensor a) => a.neg();
    public static Tensor operator *(Tensor a, Tensor b) => a.mul(b);
    public static Tensor operator *(Tensor a, double b) => a.mul(b);
    public static Tensor operator *(double a, Tensor b) => b.mul(a);
    public static Tensor operator /(Tensor a, Tensor b) => a.div(b);
    public static Tensor operator /(Tensor a, double b) => a.div(b);
    public static Tensor operator /(double a, Tensor b) => new(NativeMethods.cpx_rdiv_scalar(b.Handle, a));
}
