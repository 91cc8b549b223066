using ColorPix.Torch;
using ColorPix.Torch.NN;

namespace ColorPix.Tests.Torch;

public class TensorTests
{
    [Test]
    public void Values_round_trip_through_native_memory_for_each_element_type()
    {
        using var scope = torch.NewDisposeScope();
        torch.tensor(new[] { 1.5f, -2f, 3.25f }).data<float>().Should().Equal(1.5f, -2f, 3.25f);
        torch.tensor(new byte[] { 0, 128, 255 }).data<byte>().Should().Equal(0, 128, 255);
        torch.tensor(new[] { long.MaxValue, -1L }).data<long>().Should().Equal(long.MaxValue, -1L);
        var t = torch.tensor(new[] { 1f, 2, 3, 4, 5, 6 }, 2, 3);
        t.shape.Should().Equal(2, 3);
        t.dtype.Should().Be(ScalarType.Float32);
        t.device.Should().Be(Device.CPU);
    }

    [Test]
    public void Arithmetic_reductions_and_shapes_follow_pytorch()
    {
        using var scope = torch.NewDisposeScope();
        var t = torch.tensor(new[] { 1f, 2, 3, 4, 5, 6 }, 2, 3);
        (t * 2 - 1).data<float>().Should().Equal(1, 3, 5, 7, 9, 11);
        (10 - t).data<float>().Should().Equal(9, 8, 7, 6, 5, 4);
        (12 / t).data<float>().Should().Equal(12, 6, 4, 3, 2.4f, 2);
        t.sum(1).data<float>().Should().Equal(6, 15);
        t.mean(0).data<float>().Should().Equal(2.5f, 3.5f, 4.5f);
        t.max(1).data<float>().Should().Equal(3, 6);
        t.permute(1, 0).contiguous().data<float>().Should().Equal(1, 4, 2, 5, 3, 6);
        t.narrow(1, 1, 2).contiguous().data<float>().Should().Equal(2, 3, 5, 6);
        t[1].data<float>().Should().Equal(4, 5, 6);
        torch.where(t.gt(3), t, torch.zeros_like(t)).data<float>().Should().Equal(0, 0, 0, 4, 5, 6);
        t.clamp(2, 5).data<float>().Should().Equal(2, 2, 3, 4, 5, 5);
        t.matmul(t.permute(1, 0)).data<float>().Should().Equal(14, 32, 32, 77);
        F.pad(t.reshape(1, 1, 2, 3), [1, 1, 0, 0]).shape.Should().Equal(1, 1, 2, 5);
        F.interpolate(t.reshape(1, 1, 2, 3), 4, 6, InterpolationMode.Area).shape.Should().Equal(1, 1, 4, 6);
    }

    [Test]
    public void Manual_seed_makes_random_tensors_reproducible()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(42);
        var a = torch.randn(5).data<float>();
        torch.manual_seed(42);
        torch.randn(5).data<float>().Should().Equal(a);
        torch.rand(1000).min().item().Should().BeGreaterThanOrEqualTo(0);
    }

    [Test]
    public void Dispose_scope_frees_what_it_collected_and_keeps_what_moved_out()
    {
        var before = torch.live_tensor_count();
        Tensor kept;
        using (torch.NewDisposeScope())
        {
            var a = torch.ones(3);
            _ = a + a;
            kept = (a * 3).MoveToOuterDisposeScope();
        }
        torch.live_tensor_count().Should().Be(before + 1);
        kept.data<float>().Should().Equal(3, 3, 3);
        kept.Dispose();
        torch.live_tensor_count().Should().Be(before);
    }

    [Test]
    public void Module_names_parameters_with_dots_and_round_trips_its_state()
    {
        using var scope = torch.NewDisposeScope();
        using var a = new Sequential(new Conv2d(1, 4, 3), new BatchNorm2d(4));
        a.state_dict().Keys.Should().Equal("0.weight", "0.bias", "1.weight", "1.bias", "1.running_mean", "1.running_var", "1.num_batches_tracked");
        a.parameter_count().Should().Be(4 * 9 + 4 + 4 + 4);
        using var b = new Sequential(new Conv2d(1, 4, 3), new BatchNorm2d(4));
        b.load_state_dict(a.state_dict());
        var x = torch.randn(1, 1, 6, 6);
        a.eval(); b.eval();
        b.forward(x).data<float>().Should().Equal(a.forward(x).data<float>());
    }
}
