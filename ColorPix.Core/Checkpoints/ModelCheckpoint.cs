using System.Globalization;
using ColorPix.Core.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace ColorPix.Core.Checkpoints;

/// <summary>
/// A model file: the network's state dict in safetensors, with metadata that rebuilds the model alone
/// (kind, config, image size, normalisation) plus whatever the caller adds (epoch, metrics, run id).
/// </summary>
public static class ModelCheckpoint
{
    public const string FormatVersion = "1";

    public static void Save(string path, ColorizationModel model, IReadOnlyDictionary<string, string>? extra = null, bool halfPrecision = false)
    {
        var metadata = new Dictionary<string, string>(extra ?? new Dictionary<string, string>())
        {
            ["colorpix.format"] = FormatVersion,
            ["model"] = model.Kind.Name(),
            ["config"] = model.ConfigJson,
            ["image_size"] = model.ImageSize.ToString(CultureInfo.InvariantCulture),
            ["normalization"] = model.Normalization.Describe(),
            ["dtype"] = halfPrecision ? "float16" : "float32",
        };
        using var scope = NewDisposeScope();
        var state = model.Network.state_dict().ToDictionary(p => p.Key,
            p => halfPrecision && p.Value.dtype == ScalarType.Float32 ? p.Value.to(ScalarType.Float16) : p.Value);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        SafeTensors.Save(path, state, metadata);
    }

    /// <summary>Rebuilds the model from the file alone, in eval mode, on the given device.</summary>
    public static (ColorizationModel Model, IReadOnlyDictionary<string, string> Metadata) Load(string path, Device? device = null)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"no checkpoint at {path}", path);
        using var file = SafeTensors.Load(path);
        var meta = file.Metadata;
        if (!meta.TryGetValue("colorpix.format", out var format) || format != FormatVersion)
            throw new InvalidDataException($"{path} is not a ColorPix model (format {format ?? "missing"})");
        var kind = ModelKinds.Parse(Require(meta, "model", path));
        var size = int.Parse(Require(meta, "image_size", path), CultureInfo.InvariantCulture);
        var model = ColorizationModel.FromConfig(kind, Require(meta, "config", path), size);
        try
        {
            using var scope = NewDisposeScope();
            var state = file.Tensors.ToDictionary(p => p.Key, p => p.Value.dtype == ScalarType.Float16 ? p.Value.to(ScalarType.Float32) : p.Value);
            StateDicts.Load(model.Network, state, path);
            model.Network.to(device ?? CPU);
            model.Network.eval();
            return (model, meta);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    private static string Require(IReadOnlyDictionary<string, string> meta, string key, string path) =>
        meta.TryGetValue(key, out var value) ? value : throw new InvalidDataException($"{path}: metadata lacks '{key}'");
}
