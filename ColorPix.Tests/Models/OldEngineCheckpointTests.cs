using ColorPix.Core.Checkpoints;
using ColorPix.Core.Data;
using ColorPix.Core.Imaging;
using ColorPix.Core.Inference;
using TorchSharp;
using static TorchSharp.torch;

namespace ColorPix.Tests.Models;

/// <summary>
/// The checkpoints shipped with the old engine (kept in Fixtures/reference as KIND.safetensors, format 1) on TorchSharp
/// against what the old engine (libtorch 1.13 + OpenCV) computed with them: Fixtures/reference holds its model inputs,
/// ab outputs and final colorized PNGs for four test-split photos.
/// </summary>
public class OldEngineCheckpointTests
{
    private static readonly string[] Kinds = ["autoencoder", "pix2pix"];
    private const int Photos = 4;

    internal static string Reference(string name) => Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", "reference", name);

    public static IEnumerable<TestCaseData> Cases() =>
        Kinds.SelectMany(kind => Enumerable.Range(0, Photos).Select(i => new TestCaseData(kind, i).SetName($"{kind} photo {i}")));

    [TestCaseSource(nameof(Cases))]
    public void Predicts_the_old_engines_ab_from_the_same_input_within_0_01(string kind, int photo)
    {
        using var scope = NewDisposeScope();
        using var reference = SafeTensors.Load(Reference("shipped_ab.safetensors"));
        var (model, _) = ModelCheckpoint.Load(Reference($"{kind}.safetensors"));
        using (model)
        using (no_grad())
        {
            var ab = model.PredictAb(reference.Tensors[$"{kind}.{photo}.lightness"]);
            (ab - reference.Tensors[$"{kind}.{photo}.ab"]).abs().max().ToDouble().Should().BeLessThan(0.01);
        }
    }

    [TestCaseSource(nameof(Cases))]
    public void Colorizes_the_photo_as_the_old_engine_did(string kind, int photo)
    {
        using var reference = SafeTensors.Load(Reference("shipped_ab.safetensors"));
        var root = RepoPaths.FindRoot();
        using var source = Image.Decode(File.ReadAllBytes(Path.Combine(root, reference.Metadata[$"photo.{photo}"])));
        var (model, _) = ModelCheckpoint.Load(Reference($"{kind}.safetensors"));
        using (model)
        using (var result = Colorizer.Colorize(model, source))
        using (var old = Image.Decode(File.ReadAllBytes(Reference($"{kind}.{photo}.png"))))
        {
            (result.Width, result.Height).Should().Be((old.Width, old.Height));
            var (ours, theirs) = (result.CopyPixels(), old.CopyPixels());
            var mean = ours.Zip(theirs, (a, b) => Math.Abs(a - b)).Average();
            // The small input is resized by Skia, not OpenCV, so the model sees a slightly different image: the colors
            // may move a little, never the picture.
            mean.Should().BeLessThan(1.5, "the result must look like the old engine's");
        }
    }
}
