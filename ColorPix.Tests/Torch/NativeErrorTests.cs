using ColorPix.Torch;
using ColorPix.Torch.NN;

namespace ColorPix.Tests.Torch;

public class NativeErrorTests
{
    public static IEnumerable<TestCaseData> BadCalls()
    {
        yield return new TestCaseData((Action)(() => { using var s = torch.NewDisposeScope(); _ = torch.zeros(2, 3).matmul(torch.zeros(4, 5)); }), "shapes cannot be multiplied").SetName("matmul of mismatched shapes");
        yield return new TestCaseData((Action)(() => { using var s = torch.NewDisposeScope(); _ = F.conv2d(torch.zeros(1, 3, 8, 8), torch.zeros(4, 2, 3, 3)); }), "expected input").SetName("conv2d with wrong channel count");
        yield return new TestCaseData((Action)(() => { using var s = torch.NewDisposeScope(); _ = torch.zeros(6).view(4, 4); }), "invalid for input of size").SetName("view to an impossible shape");
        yield return new TestCaseData((Action)(() => { using var s = torch.NewDisposeScope(); _ = torch.zeros(2).to(Device.CUDA); }), "cuda").SetName("tensor moved to a missing CUDA device");
        yield return new TestCaseData((Action)(() => { using var s = torch.NewDisposeScope(); _ = torch.cat([torch.zeros(2, 3), torch.zeros(2, 4)]); }), "Sizes of tensors must match").SetName("cat of mismatched shapes");
        yield return new TestCaseData((Action)(() => { using var s = torch.NewDisposeScope(); _ = torch.zeros(2, 2).data<double>(); }), "cannot read").SetName("reading float32 as double");
        yield return new TestCaseData((Action)(() => torch.set_num_threads(0)), "positive").SetName("zero threads");
    }

    [TestCaseSource(nameof(BadCalls))]
    public void Native_errors_become_TorchException_with_libtorch_message_and_the_process_keeps_working(Action call, string fragment)
    {
        call.Should().Throw<TorchException>().Which.Message.Should().Contain(fragment).And.NotContain("frame #");

        using var scope = torch.NewDisposeScope();
        (torch.ones(2, 2) + 1).sum().item().Should().Be(8);
    }

    [Test]
    public void Failed_native_calls_leak_no_tensor()
    {
        var before = LiveTensors.Settled();
        for (var i = 0; i < 100; i++)
        {
            using var s = torch.NewDisposeScope();
            var act = () => torch.zeros(2, 3).matmul(torch.zeros(4, 5));
            act.Should().Throw<TorchException>();
        }
        torch.live_tensor_count().Should().Be(before);
    }
}
