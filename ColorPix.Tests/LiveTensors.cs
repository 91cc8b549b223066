using static TorchSharp.torch;

namespace ColorPix.Tests;

public static class LiveTensors
{
    /// <summary>TorchSharp's count of live tensors once tensors other tests dropped are finalized, so they cannot move it
    /// while a leak test runs.</summary>
    public static long Settled()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        return Count;
    }

    public static long Count => Tensor.TotalCount;
}
