using ColorPix.Core.Models;
using ColorPix.Core.Data;
using TorchSharp;
using static TorchSharp.torch;
using ColorPix.Training;
using ColorPix.Training.Trainers;

namespace ColorPix.Tests.Training;

public class TrainerTests
{
    private static ColorizationBatch FixedBatch(int size) =>
        new SyntheticBatches(size, 4, 1, 0).Batches(Split.Train, 1, CancellationToken.None).Single();

    [Test]
    public void A_few_AutoEncoder_steps_lower_its_loss_on_a_fixed_batch()
    {
        torch.manual_seed(0);
        using var model = ColorizationModel.CreateAutoEncoder(new AutoEncoderConfig(0.125), 64);
        using var trainer = new AutoEncoderTrainer(model);
        using var batch = FixedBatch(64);
        var first = Step(trainer, batch)["mse"];
        var last = first;
        for (var i = 0; i < 30; i++) last = Step(trainer, batch)["mse"];
        last.Should().BeLessThan(first * 0.75);
    }

    [Test]
    public void A_few_Pix2Pix_steps_lower_its_L1_loss_on_a_fixed_batch()
    {
        torch.manual_seed(0);
        using var model = ColorizationModel.CreatePix2Pix(new Pix2PixConfig(128, Ngf: 8, Ndf: 8));
        // A larger step than the reference's 2e-4, so that few steps show the descent.
        using var trainer = new Pix2PixTrainer(model, learningRate: 2e-3);
        using var batch = FixedBatch(128);
        var first = Step(trainer, batch);
        first.Keys.Should().BeEquivalentTo(["d", "g_gan", "l1"]);
        var last = first;
        for (var i = 0; i < 20; i++) last = Step(trainer, batch);
        last["l1"].Should().BeLessThan(first["l1"] * 0.8);
    }

    [Test]
    public void The_generator_step_leaves_no_gradient_in_the_discriminator()
    {
        torch.manual_seed(0);
        using var model = ColorizationModel.CreatePix2Pix(new Pix2PixConfig(128, Ngf: 8, Ndf: 8));
        using var trainer = new Pix2PixTrainer(model);
        using var batch = FixedBatch(128);
        Step(trainer, batch);
        // D's gradients are those of backward_D only: G's backward ran with D frozen.
        foreach (var p in trainer.Discriminator.parameters()) p.requires_grad.Should().BeFalse();
    }

    private static IReadOnlyDictionary<string, double> Step(ITrainer trainer, ColorizationBatch batch)
    {
        using var scope = torch.NewDisposeScope();
        return trainer.TrainStep(batch.L, batch.Ab);
    }
}
