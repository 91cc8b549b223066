using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ColorPix.Core.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace ColorPix.Core.Checkpoints;

/// <summary>
/// A model file: the network's state dict in safetensors, with metadata that rebuilds the model alone
/// (kind, config, image size, normalisation) plus whatever the caller adds (epoch, metrics, run id).
/// Format 2 writes the network variant in the config (AutoEncoderConfig.Upsampling, Pix2PixConfig.OutermostDownBias);
/// format 1 had no such fields, and its networks are rebuilt as they were then made.
/// </summary>
public static class ModelCheckpoint
{
    public const string FormatVersion = "2";
    private static readonly string[] ReadableFormats = ["1", FormatVersion];

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
        if (!meta.TryGetValue("colorpix.format", out var format))
            throw new InvalidDataException($"{path} is not a ColorPix model (format missing)");
        if (!ReadableFormats.Contains(format))
            throw new InvalidDataException($"{path} has ColorPix model format {format}; this version reads formats {string.Join(" and ", ReadableFormats)}");
        var kind = ModelKinds.Parse(Require(meta, "model", path));
        var size = int.Parse(Require(meta, "image_size", path), CultureInfo.InvariantCulture);
        var config = Require(meta, "config", path);
        var model = ColorizationModel.FromConfig(kind, format == "1" ? Format1Config(kind, config, path) : config, size);
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

    /// <summary>A format-1 config with the variant fields it predates, set as every format-1 network was built:
    /// the AutoEncoder with the course's transposed convolutions, Pix2Pix with a bias on its first convolution.</summary>
    private static string Format1Config(ModelKind kind, string config, string path)
    {
        var json = JsonNode.Parse(config) as JsonObject ?? throw new InvalidDataException($"{path}: config is not a JSON object");
        var (field, value) = kind == ModelKind.AutoEncoder
            ? (nameof(AutoEncoderConfig.Upsampling), JsonSerializer.SerializeToNode(AutoEncoderUpsampling.TransposedConvolution))
            : (nameof(Pix2PixConfig.OutermostDownBias), JsonValue.Create(true));
        json.TryAdd(field, value);
        return json.ToJsonString();
    }

    private static string Require(IReadOnlyDictionary<string, string> meta, string key, string path) =>
        meta.TryGetValue(key, out var value) ? value : throw new InvalidDataException($"{path}: metadata lacks '{key}'");
}
