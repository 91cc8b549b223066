using ColorPix.Core.Models;
using ColorPix.Training;
using ColorPix.Training.Trainers;
using TorchSharp;
using static TorchSharp.torch;

namespace ColorPix.Tests.Training;

public class ScheduleAndLossTests
{
    [Test]
    public void The_learning_rate_is_constant_then_decays_linearly_as_the_pix2pix_reference()
    {
        var options = new TrainOptions { Model = ModelKind.Pix2Pix, Epochs = 10, DecayEpochs = 5, LearningRate = 6e-4 };
        Enumerable.Range(1, 5).Select(options.LearningRateAt).Should().AllSatisfy(lr => lr.Should().Be(6e-4));
        // lambda_rule: 1 - max(0, epoch - n_epochs) / (n_epochs_decay + 1)
        options.LearningRateAt(6).Should().BeApproximately(6e-4 * 5 / 6, 1e-12);
        options.LearningRateAt(10).Should().BeApproximately(6e-4 / 6, 1e-12);
        new TrainOptions { Epochs = 8 }.EffectiveDecayEpochs.Should().Be(4, "half the run by default");
    }

    [Test]
    public void Rare_colours_weigh_more_and_the_weights_average_to_one_over_the_data()
    {
        using var scope = NewDisposeScope();
        using var rebalancing = new AbRebalancing();
        // 90 % desaturated pixels, 10 % saturated red (a = 60, b = 40).
        var ab = zeros(1, 2, 10, 10);
        ab[TensorIndex.Colon, 0, 0] = tensor(60f);
        ab[TensorIndex.Colon, 1, 0] = tensor(40f);
        var weights = rebalancing.Weights(ab);
        var (red, gray) = (weights[0, 0, 0, 0].ToDouble(), weights[0, 0, 5, 5].ToDouble());
        // Two cells seen, lambda 0.5: w = 1 / (0.5 p + 0.25), then divided by E_p[w] = 0.1 / 0.3 + 0.9 / 0.7.
        var mean = 0.1 / 0.3 + 0.9 / 0.7;
        red.Should().BeApproximately(1 / 0.3 / mean, 1e-4);
        gray.Should().BeApproximately(1 / 0.7 / mean, 1e-4);
        weights.mean().ToDouble().Should().BeApproximately(1, 1e-4);
    }

    [TestCase(AbLoss.L1, "l1")]
    [TestCase(AbLoss.Rebalanced, "rebalanced")]
    public void Every_AutoEncoder_loss_also_reports_the_plain_mse_and_follows_the_learning_rate(AbLoss loss, string name)
    {
        manual_seed(0);
        using var model = ColorizationModel.CreateAutoEncoder(new AutoEncoderConfig(0.125), 64);
        using var trainer = new AutoEncoderTrainer(model, loss: loss);
        using var batch = new SyntheticBatches(64, 4, 1, 0).Batches(Core.Data.Split.Train, 1, CancellationToken.None).Single();
        trainer.SetLearningRate(0);
        using var before = model.Network.parameters().First().detach().clone();
        Dictionary<string, double> losses;
        using (NewDisposeScope()) losses = new(trainer.TrainStep(batch.L, batch.Ab));
        losses.Keys.Should().BeEquivalentTo("mse", name);
        losses.Values.Should().OnlyContain(v => double.IsFinite(v) && v > 0);
        model.Network.parameters().First().allclose(before, 0, 0).Should().BeTrue("a learning rate of 0 changes nothing");
    }
}
