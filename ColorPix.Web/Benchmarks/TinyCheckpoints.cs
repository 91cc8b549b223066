using ColorPix.Core.Checkpoints;
using ColorPix.Core.Models;

namespace ColorPix.Web.Benchmarks;

/// <summary>Untrained, very small checkpoints of both models: for tests and for benchmarking the service in a clone
/// that has no trained models. Their output is noise; their cost is the service's, not the networks'.</summary>
public static class TinyCheckpoints
{
    public static IReadOnlyDictionary<ModelKind, string> Write(string folder)
    {
        Directory.CreateDirectory(folder);
        var paths = Enum.GetValues<ModelKind>().ToDictionary(kind => kind, kind => Path.Combine(folder, $"{kind.Name()}.safetensors"));
        using (var autoEncoder = ColorizationModel.CreateAutoEncoder(new AutoEncoderConfig(0.125), 64))
            ModelCheckpoint.Save(paths[ModelKind.AutoEncoder], autoEncoder);
        using (var pix2Pix = ColorizationModel.CreatePix2Pix(new Pix2PixConfig(128, Ngf: 8)))
            ModelCheckpoint.Save(paths[ModelKind.Pix2Pix], pix2Pix);
        return paths;
    }
}
