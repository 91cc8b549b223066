using System.Text.Json;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace ColorPix.Core.Models;

public enum ModelKind { AutoEncoder, Pix2Pix }

public static class ModelKinds
{
    public static string Name(this ModelKind kind) => kind == ModelKind.AutoEncoder ? "autoencoder" : "pix2pix";

    public static ModelKind Parse(string name) => name.Trim().ToLowerInvariant() switch
    {
        "autoencoder" or "ae" or "1" => ModelKind.AutoEncoder,
        "pix2pix" or "2" => ModelKind.Pix2Pix,
        _ => throw new ArgumentException($"unknown model '{name}' (expected autoencoder or pix2pix)"),
    };
}

/// <summary>
/// A colorization network with what is needed to use it: L in [0,100] -> ab, at the resolution it was trained for.
/// The AutoEncoder and the Pix2Pix generator are both served, evaluated and checkpointed through this type.
/// </summary>
public sealed class ColorizationModel : IDisposable
{
    public ModelKind Kind { get; }
    public Module<Tensor, Tensor> Network { get; }
    public LabNormalization Normalization { get; }
    public int ImageSize { get; }
    public AutoEncoderConfig? AutoEncoderConfig { get; }
    public Pix2PixConfig? Pix2PixConfig { get; }

    private ColorizationModel(ModelKind kind, Module<Tensor, Tensor> network, LabNormalization normalization, int imageSize,
        AutoEncoderConfig? autoEncoder, Pix2PixConfig? pix2Pix)
    {
        Kind = kind;
        Network = network;
        Normalization = normalization;
        ImageSize = imageSize;
        AutoEncoderConfig = autoEncoder;
        Pix2PixConfig = pix2Pix;
    }

    public static ColorizationModel CreateAutoEncoder(AutoEncoderConfig config, int imageSize)
    {
        if (imageSize <= 0 || imageSize % 32 != 0)
            throw new ArgumentException($"the AutoEncoder needs an image size that is a multiple of 32, not {imageSize}");
        return new(ModelKind.AutoEncoder, new AutoEncoder(config), LabNormalization.InNetwork, imageSize, config, null);
    }

    public static ColorizationModel CreatePix2Pix(Pix2PixConfig config) =>
        new(ModelKind.Pix2Pix, new UnetGenerator(config), LabNormalization.Pix2Pix, config.ImageSize, null, config);

    /// <summary>Any network served as a model of a kind, raw L in and raw ab out: test doubles of the serving path.</summary>
    internal static ColorizationModel Wrap(ModelKind kind, Module<Tensor, Tensor> network, int imageSize) =>
        new(kind, network, LabNormalization.InNetwork, imageSize, null, null);

    /// <summary>L [N,1,S,S] in [0,100] -> ab [N,2,S,S] in Lab units.</summary>
    public Tensor PredictAb(Tensor lightness) => Normalization.ToAb(Network.forward(Normalization.NetworkInput(lightness)));

    public string ConfigJson => Kind == ModelKind.AutoEncoder
        ? JsonSerializer.Serialize(AutoEncoderConfig)
        : JsonSerializer.Serialize(Pix2PixConfig);

    public static ColorizationModel FromConfig(ModelKind kind, string configJson, int imageSize) => kind switch
    {
        ModelKind.AutoEncoder => CreateAutoEncoder(JsonSerializer.Deserialize<AutoEncoderConfig>(configJson)
                                                   ?? throw new InvalidDataException("empty AutoEncoder config"), imageSize),
        _ => CreatePix2Pix(JsonSerializer.Deserialize<Pix2PixConfig>(configJson)
                           ?? throw new InvalidDataException("empty Pix2Pix config")),
    };

    public void Dispose() => Network.Dispose();
}
