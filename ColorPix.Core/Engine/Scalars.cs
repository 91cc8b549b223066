using System.Collections.Concurrent;
using TorchSharp;
using static TorchSharp.torch;

namespace ColorPix.Core.Engine;

/// <summary>
/// Tensor arithmetic with constants that cannot be freed under libtorch. TorchSharp 0.107 turns every number given to
/// a tensor op (and the hidden alpha of tensor + tensor) into a temporary <see cref="Scalar"/> that nothing references
/// while the native call runs: a GC in that window lets the finalizer free it while libtorch reads it, and the op fails
/// with "Expected false to be true ... toFloat" or worse (reproduced: a thread forcing GCs breaks `x + 0.055` within
/// seconds). The Scalars here are cached for the life of the process, so they are never finalized. Use it for code
/// constants only (the cache is never trimmed). Hot paths (Lab, the strip recombiner, normalisation, the data loader)
/// go through it; TorchSharp's own code (Adam's step) cannot, which is why training resumes on such an error.
/// </summary>
public static class Scalars
{
    private static readonly ConcurrentDictionary<double, Scalar> Cache = new();

    public static Scalar Of(double value) => Cache.GetOrAdd(value, v => v.ToScalar());

    public static readonly Scalar One = Of(1);

    public static Tensor Plus(this Tensor t, double value) => t.add(Of(value), One);
    public static Tensor Plus(this Tensor t, Tensor other) => t.add(other, One);
    public static Tensor Minus(this Tensor t, double value) => t.sub(Of(value));
    public static Tensor Times(this Tensor t, double value) => t.mul(Of(value));
    public static Tensor Over(this Tensor t, double value) => t.div(Of(value));
    public static Tensor Power(this Tensor t, double exponent) => t.pow(Of(exponent));
    public static Tensor Above(this Tensor t, double value) => t.gt(Of(value));
    public static Tensor AtLeast(this Tensor t, double min) => t.clamp(Of(min), null);
    public static Tensor Within(this Tensor t, double min, double max) => t.clamp(Of(min), Of(max));
}
