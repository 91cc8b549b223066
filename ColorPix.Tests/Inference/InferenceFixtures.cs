using System.Runtime.InteropServices;
using ColorPix.Core.Checkpoints;
using ColorPix.Core.Data;
using ColorPix.Core.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using ColorPix.Core.Imaging;
using static TorchSharp.torch.nn;

namespace ColorPix.Tests.Inference;

/// <summary>Tiny models, photos and checkpoints for the serving tests: small enough to run in milliseconds.</summary>
internal static class InferenceFixtures
{
    public const int AutoEncoderSize = 64;

    public static ColorizationModel TinyAutoEncoder()
    {
        var model = ColorizationModel.CreateAutoEncoder(new AutoEncoderConfig(0.125), AutoEncoderSize);
        model.Network.eval();
        return model;
    }

    public static ColorizationModel TinyPix2Pix()
    {
        var model = ColorizationModel.CreatePix2Pix(new Pix2PixConfig(128, Ngf: 8));
        model.Network.eval();
        return model;
    }

    public static ColorizationModel Tiny(ModelKind kind) => kind == ModelKind.AutoEncoder ? TinyAutoEncoder() : TinyPix2Pix();

    /// <summary>Random but locally smooth RGB content, different for each seed.</summary>
    public static Image Photo(int width, int height, int seed = 4)
    {
        var pixels = new byte[width * height * 3];
        new Random(seed).NextBytes(pixels);
        for (var i = 3; i < pixels.Length; i++) pixels[i] = (byte)((pixels[i] + pixels[i - 3]) / 2);
        return Image.FromPixels(pixels, width, height, 3);
    }

    /// <summary>Saves a fresh tiny model where the service looks for the shipped one, under a repository root.</summary>
    public static string SaveShipped(string repoRoot, ModelKind kind, IReadOnlyDictionary<string, string>? extra = null)
    {
        var path = RepoPaths.ShippedModel(repoRoot, kind.Name());
        using var model = Tiny(kind);
        ModelCheckpoint.Save(path, model, extra);
        return path;
    }

    public static string TemporaryFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "colorpix-inference-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }
}

/// <summary>
/// A stand-in network that outputs zero ab, records each batch it sees, can be held at a gate (to keep a batch in
/// flight), and can be told to fail its next forward pass the way libtorch does.
/// </summary>
internal sealed class GatedNetwork : Module<Tensor, Tensor>
{
    private readonly ManualResetEventSlim gate = new(true);
    private readonly SemaphoreSlim entered = new(0);
    private readonly List<int> batchSizes = [];

    private readonly Parameter weight = new(torch.zeros(1));

    public GatedNetwork() : base(nameof(GatedNetwork)) => RegisterComponents();

    public Tensor Weight => weight;
    public volatile bool FailNext;

    public IReadOnlyList<int> BatchSizes { get { lock (batchSizes) return batchSizes.ToList(); } }

    public static ColorizationModel Model(GatedNetwork network, ModelKind kind = ModelKind.AutoEncoder) =>
        ColorizationModel.Wrap(kind, network, InferenceFixtures.AutoEncoderSize);

    public void Close() => gate.Reset();
    public void Open() => gate.Set();

    /// <summary>Waits until a forward pass has started (a batch is in flight).</summary>
    public void WaitUntilEntered() =>
        entered.Wait(TimeSpan.FromSeconds(30)).Should().BeTrue("a batch should have reached the model");

    public override Tensor forward(Tensor input)
    {
        lock (batchSizes) batchSizes.Add((int)input.size(0));
        entered.Release();
        gate.Wait(TimeSpan.FromSeconds(30));
        if (FailNext)
        {
            FailNext = false;
            throw new ExternalException("Given groups=1, weight of size [8, 3, 3, 3], expected input to have 3 channels");
        }
        return torch.zeros(input.size(0), 2, input.size(2), input.size(3));
    }
}
