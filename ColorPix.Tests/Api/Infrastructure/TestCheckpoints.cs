using ColorPix.Core.Checkpoints;
using ColorPix.Core.Models;

namespace ColorPix.Tests.Api.Infrastructure;

/// <summary>Tiny checkpoints of both models, written once per run, so the API tests never depend on the shipped models
/// and an inference takes milliseconds.</summary>
internal static class TestCheckpoints
{
    private static readonly Lazy<string> LazyFolder = new(Create);

    public static string Folder => LazyFolder.Value;

    public static string PathOf(ModelKind kind) => Path.Combine(Folder, $"{kind.Name()}.safetensors");

    public static void Delete()
    {
        if (LazyFolder.IsValueCreated) Directory.Delete(LazyFolder.Value, recursive: true);
    }

    private static string Create()
    {
        var folder = Directory.CreateTempSubdirectory("colorpix-api-models-").FullName;
        using (var autoEncoder = ColorizationModel.CreateAutoEncoder(new AutoEncoderConfig(0.125), 64))
            ModelCheckpoint.Save(Path.Combine(folder, $"{ModelKind.AutoEncoder.Name()}.safetensors"), autoEncoder);
        using (var pix2Pix = ColorizationModel.CreatePix2Pix(new Pix2PixConfig(128, Ngf: 8)))
            ModelCheckpoint.Save(Path.Combine(folder, $"{ModelKind.Pix2Pix.Name()}.safetensors"), pix2Pix);
        return folder;
    }
}
