using ColorPix.Core.Inference;
using ColorPix.Core.Models;
using TorchSharp;
using static TorchSharp.torch;
using ColorPix.Core.Imaging;
using static ColorPix.Tests.Inference.InferenceFixtures;

namespace ColorPix.Tests.Inference;

public class ColorizerStepsTests
{
    private static readonly ModelKind[] Kinds = [ModelKind.AutoEncoder, ModelKind.Pix2Pix];

    private static Image[] Photos() => [Photo(150, 97, 1), Photo(64, 64, 2), Photo(33, 120, 3), Photo(200, 180, 4)];

    [TestCaseSource(nameof(Kinds))]
    public void A_batch_of_four_gives_what_four_batches_of_one_give(ModelKind kind)
    {
        using var scope = torch.NewDisposeScope();
        using var model = Tiny(kind);
        var photos = Photos();
        var prepared = photos.Select(p => Colorizer.Prepare(p, model.ImageSize)).ToArray();
        try
        {
            var together = Colorizer.Predict(model, prepared);
            var alone = prepared.Select(p => Colorizer.Predict(model, [p])[0]).ToArray();
            for (var i = 0; i < prepared.Length; i++)
            {
                together[i].shape.Should().Equal(1, 2, model.ImageSize, model.ImageSize);
                using var difference = (together[i] - alone[i]).abs().max();
                difference.ToDouble().Should().BeLessThan(1e-3, "batching must not change request {0}'s ab", i);
                using var fromBatch = Colorizer.Finish(prepared[i], together[i]);
                using var fromSingle = Colorizer.Finish(prepared[i], alone[i]);
                (fromBatch.Width, fromBatch.Height).Should().Be((photos[i].Width, photos[i].Height));
                fromBatch.CopyPixels().Zip(fromSingle.CopyPixels(), (p, q) => Math.Abs(p - q)).Max().Should().BeLessThanOrEqualTo(1);
            }
            foreach (var t in together.Concat(alone)) t.Dispose();
        }
        finally
        {
            foreach (var p in prepared) p.Dispose();
            foreach (var p in photos) p.Dispose();
        }
    }

    [Test]
    public void The_steps_composed_give_what_Colorize_gives()
    {
        using var model = TinyAutoEncoder();
        using var photo = Photo(90, 70);
        using var direct = Colorizer.Colorize(model, photo);
        using var prepared = Colorizer.Prepare(photo, model.ImageSize);
        using var ab = Colorizer.Predict(model, [prepared])[0];
        using var stepped = Colorizer.Finish(prepared, ab);
        stepped.CopyPixels().Should().Equal(direct.CopyPixels());
    }

    [Test]
    public void Prepare_keeps_only_the_model_sized_lightness_as_a_tensor_outside_any_scope()
    {
        using var photo = Photo(150, 97);
        PreparedImage prepared;
        using (torch.NewDisposeScope()) prepared = Colorizer.Prepare(photo, 64);
        using (prepared)
        {
            prepared.SmallLightness.IsInvalid.Should().BeFalse("the request's scope must not free a prepared image");
            prepared.SmallLightness.shape.Should().Equal(1, 1, 64, 64);
            prepared.Source.Should().BeSameAs(photo, "the full-resolution image stays 8-bit, shared, not copied into a tensor");
            (prepared.Width, prepared.Height, prepared.ModelSize).Should().Be((150, 97, 64));
        }
    }

    [Test]
    public void Predict_records_no_gradients_even_on_a_thread_with_grad_mode_on()
    {
        using var model = TinyAutoEncoder();
        using var photo = Photo(64, 64);
        using var prepared = Colorizer.Prepare(photo, model.ImageSize);
        bool? requiresGrad = null;
        var thread = new Thread(() =>
        {
            using var ab = Colorizer.Predict(model, [prepared])[0];
            requiresGrad = ab.requires_grad;
        });
        thread.Start();
        thread.Join();
        requiresGrad.Should().BeFalse();
    }

    [Test]
    public void A_prepared_image_of_another_size_is_refused_with_both_sizes_named()
    {
        using var model = TinyAutoEncoder();
        using var photo = Photo(64, 64);
        using var prepared = Colorizer.Prepare(photo, 128);
        var act = () => Colorizer.Predict(model, [prepared]);
        act.Should().Throw<ArgumentException>().WithMessage("*128*64*");
    }

    [Test]
    public void The_steps_leave_the_live_tensor_count_at_its_baseline()
    {
        using var model = TinyAutoEncoder();
        using var photo = Photo(120, 80);
        var baseline = LiveTensors.Settled();
        for (var round = 0; round < 3; round++)
        {
            var prepared = Enumerable.Range(0, 3).Select(_ => Colorizer.Prepare(photo, model.ImageSize)).ToArray();
            var abs = Colorizer.Predict(model, prepared);
            for (var i = 0; i < prepared.Length; i++)
            {
                Colorizer.Finish(prepared[i], abs[i]).Dispose();
                abs[i].Dispose();
                prepared[i].Dispose();
            }
        }
        LiveTensors.Count.Should().Be(baseline);
    }
}
