using System.Runtime.InteropServices;
using ColorPix.Core.Engine;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace ColorPix.Tests.Engine;

/// <summary>libtorch's errors reach ColorPix as exceptions it can report (CLI, HTTP 500) on one line, and the
/// process keeps working after them.</summary>
public class EngineErrorTests
{
    public static IEnumerable<TestCaseData> BadCalls()
    {
        // Not matmul: TorchSharp 0.107's THSTensor_matmul has no try/catch, so its errors abort the process; ColorPix
        // only multiplies matrices whose shapes it built itself (StripRecombiner).
        yield return new TestCaseData((Action)(() => { using var s = NewDisposeScope(); _ = zeros(6).reshape(4, 4); }), "is invalid for input of size").SetName("reshape to an impossible shape");
        yield return new TestCaseData((Action)(() => { using var s = NewDisposeScope(); _ = F.conv2d(zeros(1, 3, 8, 8), zeros(4, 2, 3, 3)); }), "expected input").SetName("conv2d with wrong channel count");
        yield return new TestCaseData((Action)(() => { using var s = NewDisposeScope(); _ = cat([zeros(2, 3), zeros(2, 4)]); }), "Sizes of tensors must match").SetName("cat of mismatched shapes");
    }

    [TestCaseSource(nameof(BadCalls))]
    public void Engine_errors_are_summarised_on_one_line_and_the_process_keeps_working(Action call, string fragment)
    {
        var error = call.Should().Throw<ExternalException>().Which;
        error.IsEngineError().Should().BeTrue();
        EngineErrors.Summary(error).Should().Contain(fragment).And.NotContain("frame #").And.NotContain("\n");

        using var scope = NewDisposeScope();
        (ones(2, 2) + 1).sum().item<float>().Should().Be(8);
    }

    [Test]
    public void Failed_calls_leak_no_tensor()
    {
        var before = LiveTensors.Settled();
        for (var i = 0; i < 100; i++)
        {
            using var s = NewDisposeScope();
            var act = () => zeros(2, 3).add(zeros(4, 5));
            act.Should().Throw<ExternalException>();
        }
        LiveTensors.Settled().Should().Be(before);
    }
}
