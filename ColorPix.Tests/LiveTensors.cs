using ColorPix.Torch;

namespace ColorPix.Tests;

public static class LiveTensors
{
    /// <summary>The live native tensor count once tensors other tests dropped are finalized, so they cannot move it
    /// while a leak test runs.</summary>
    public static long Settled()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        return torch.live_tensor_count();
    }
}
