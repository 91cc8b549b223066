using TorchSharp;
using ColorPix.Core.Color;
using ColorPix.Core.Engine;
using static TorchSharp.torch;

namespace ColorPix.Tests.Engine;

/// <summary>
/// TorchSharp 0.107 frees a temporary Scalar in its finalizer even while libtorch still reads it (nothing references it
/// during the native call). With a thread forcing GCs, `x + 0.055` fails within a few dozen rounds; the Lab conversion, which every
/// loader batch and served photo goes through, must not, because its constants come from <see cref="Scalars"/>.
/// </summary>
public class ScalarLifetimeTests
{
    [Test]
    public void Lab_conversions_survive_garbage_collections_running_beside_them()
    {
        using var rgb = rand(4, 3, 32, 32);
        using var expected = Lab.RgbToLab(rgb);
        var stop = false;
        var collector = new Thread(() =>
        {
            while (!Volatile.Read(ref stop))
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }
        });
        collector.Start();
        try
        {
            // A fixed number of rounds, not a time: on a loaded machine a timed loop did too few to mean anything.
            for (var round = 0; round < 40; round++)
            {
                using var scope = NewDisposeScope();
                var back = Lab.LabToRgb(Lab.RgbToLab(rgb));
                (Lab.RgbToLab(back) - expected).abs().max().ToDouble().Should().BeLessThan(1e-2);
            }
        }
        finally
        {
            Volatile.Write(ref stop, true);
            collector.Join();
        }
    }
}
