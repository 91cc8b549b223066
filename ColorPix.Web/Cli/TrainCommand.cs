using System.CommandLine;
using System.Runtime.InteropServices;
using ColorPix.Core.Data;
using ColorPix.Core.Models;
using ColorPix.Training;
using ColorPix.Training.Tracking;
using ColorPix.Training.Trainers;
using Spectre.Console;

namespace ColorPix.Web.Cli;

/// <summary>`colorpix train --model autoencoder|pix2pix ...`: trains on a dataset manifest, Ctrl-C saves and exits.</summary>
public static class TrainCommand
{
    private static readonly Option<string> Model = new("--model") { Description = "autoencoder or pix2pix", Required = true };
    private static readonly Option<string> Data = new("--data") { Description = "Dataset name (data/splits/NAME.json), manifest path, or names joined by + (sample+consented) to train on their union", DefaultValueFactory = _ => "sample" };
    private static readonly Option<int> Size = new("--size") { Description = "Training resolution (multiple of 32; Pix2Pix: 128 or 256)", DefaultValueFactory = _ => 128 };
    private static readonly Option<int> Epochs = new("--epochs") { Description = "Epochs (with --resume: the new total)", DefaultValueFactory = _ => 10 };
    private static readonly Option<int> Batch = new("--batch") { Description = "Batch size", DefaultValueFactory = _ => 16 };
    private static readonly Option<int> Seed = new("--seed") { Description = "Seed of weights, data order and augmentation", DefaultValueFactory = _ => 0 };
    private static readonly Option<string?> Resume = new("--resume") { Description = "Continue run RUN from checkpoints/RUN/last", HelpName = "RUN" };
    private static readonly Option<string> DeviceOption = new("--device") { Description = "cpu, cuda or cuda:N", DefaultValueFactory = _ => "cpu" };
    private static readonly Option<double?> LearningRate = new("--lr") { Description = "Learning rate (default 1e-3 AutoEncoder, 2e-4 Pix2Pix)" };
    private static readonly Option<double> Width = new("--width") { Description = "AutoEncoder channel multiplier (1 = the course's 64..1024)", DefaultValueFactory = _ => 1.0 };
    private static readonly Option<int> Ngf = new("--ngf") { Description = "Pix2Pix base width of generator and discriminator", DefaultValueFactory = _ => 64 };
    private static readonly Option<int> Workers = new("--workers") { Description = "Image decoding threads", DefaultValueFactory = _ => 2 };
    private static readonly Option<int> Repeat = new("--repeat") { Description = "Augmented passes over the training split per epoch", DefaultValueFactory = _ => 1 };
    private static readonly Option<double> MinCrop = new("--min-crop") { Description = "Smallest share of a photo's area in a training crop", DefaultValueFactory = _ => 0.5 };
    private static readonly Option<string?> RunName = new("--run-name") { Description = "Name of the run (default MODEL-DATE-TIME)" };
    private static readonly Option<int?> MaxBatches = new("--max-batches") { Description = "At most N batches per epoch (smoke runs)" };
    private static readonly Option<int?> DecayEpochs = new("--decay-epochs") { Description = "Last epochs over which the learning rate decays linearly to 0 (default: half the run)" };
    private static readonly Option<string> Loss = new("--loss") { Description = "AutoEncoder ab loss: mse (the course's), l1 or rebalanced (Zhang et al. 2016's class rebalancing)", DefaultValueFactory = _ => "mse" };
    private static readonly Option<double> Damage = new("--damage") { Description = "Share of training inputs damaged like old prints (noise, blur, JPEG, fading, grain)", DefaultValueFactory = _ => 0 };

    public static Command Create()
    {
        var command = new Command("train", "Train a colorization model; checkpoints in checkpoints/RUN, runs in mlruns/")
        {
            Model, Data, Size, Epochs, Batch, Seed, Resume, DeviceOption, LearningRate, Width, Ngf, Workers, Repeat, MinCrop, RunName, MaxBatches,
            DecayEpochs, Loss, Damage,
        };
        command.SetAction(parsed =>
        {
            var root = RepoPaths.FindRoot();
            var options = Options(parsed, root);
            options.Validate();
            var data = new DatasetBatchSource(LoadedDataset.Open(options.Data, root), options.Size, options.Batch, options.Workers, options.Seed, options.Repeat, options.MinCrop, options.Damage);
            var tracker = new MlflowTrainingTracker(new MlflowFileStore(RepoPaths.MlrunsFolder(root)));
            var console = CliApp.ConsoleFor(parsed.InvocationConfiguration.Output);

            // Ctrl-C, and SIGTERM from a process manager or container, both save and exit at the next batch.
            using var cancel = new CancellationTokenSource();
            void Stop(PosixSignalContext context)
            {
                context.Cancel = true;
                cancel.Cancel();
            }
            using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
            using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
            {
                var result = TrainingProgress.Show(console, observer =>
                    new TrainingRun(options, data, RepoPaths.CheckpointsFolder(root), tracker, observer).Run(cancel.Token));
                console.MarkupLine(result.Interrupted
                    ? $"[yellow]interrupted[/]: resume with [bold]colorpix train --resume {Markup.Escape(result.RunName)}[/]"
                    : $"[green]done[/]: best {Markup.Escape(result.RunDirectory)}/best/model.safetensors (validation loss {result.BestLoss:G4}); MLflow run {tracker.RunId}");
                return result.Interrupted ? 130 : 0;
            }
        });
        return command;
    }

    private static TrainOptions Options(ParseResult parsed, string root)
    {
        var resume = parsed.GetValue(Resume);
        if (resume is null)
        {
            return new TrainOptions
            {
                Model = ModelKinds.Parse(parsed.GetValue(Model)!), Data = parsed.GetValue(Data)!, Size = parsed.GetValue(Size),
                Epochs = parsed.GetValue(Epochs), Batch = parsed.GetValue(Batch), Seed = parsed.GetValue(Seed),
                Device = parsed.GetValue(DeviceOption)!, LearningRate = parsed.GetValue(LearningRate), Width = parsed.GetValue(Width),
                Ngf = parsed.GetValue(Ngf), Workers = parsed.GetValue(Workers), Repeat = parsed.GetValue(Repeat), MinCrop = parsed.GetValue(MinCrop), RunName = parsed.GetValue(RunName), MaxBatches = parsed.GetValue(MaxBatches),
                DecayEpochs = parsed.GetValue(DecayEpochs), Loss = ParseLoss(parsed.GetValue(Loss)!), Damage = parsed.GetValue(Damage),
            };
        }
        // A resumed run keeps what shaped it (model, data, size, batch, seed...); only the schedule and machine may change.
        var recorded = TrainingRun.RecordedOptions(RepoPaths.CheckpointsFolder(root), resume);
        if (ModelKinds.Parse(parsed.GetValue(Model)!) != recorded.Model)
            throw new ArgumentException($"run {resume} trains {recorded.Model.Name()}, not {parsed.GetValue(Model)}");
        return recorded with
        {
            DecayEpochs = parsed.GetResult(DecayEpochs) is { Implicit: false } ? parsed.GetValue(DecayEpochs) : recorded.DecayEpochs,
            Resume = resume,
            // Only an --epochs typed on this command line extends the run; its default must not.
            Epochs = parsed.GetResult(Epochs) is { Implicit: false } ? parsed.GetValue(Epochs) : recorded.Epochs,
            Device = parsed.GetValue(DeviceOption)!,
            Workers = parsed.GetValue(Workers),
            MaxBatches = parsed.GetValue(MaxBatches),
        };
    }

    private static AbLoss ParseLoss(string name) => name.Trim().ToLowerInvariant() switch
    {
        "mse" => AbLoss.Mse,
        "l1" => AbLoss.L1,
        "rebalanced" => AbLoss.Rebalanced,
        _ => throw new ArgumentException($"unknown --loss '{name}' (expected mse, l1 or rebalanced)"),
    };
}
