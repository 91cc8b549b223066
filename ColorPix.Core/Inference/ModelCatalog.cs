using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;
using ColorPix.Core.Checkpoints;
using ColorPix.Core.Data;
using ColorPix.Core.Engine;
using ColorPix.Core.Metrics;
using ColorPix.Core.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace ColorPix.Core.Inference;

/// <summary>
/// The models the service runs, one per kind. A checkpoint that is missing or broken does not stop the service:
/// that model is unavailable and <see cref="Describe"/> says why. <see cref="Replace"/> swaps a model atomically;
/// batches already running finish on the old one, which is disposed after them.
/// </summary>
public sealed class ModelCatalog : IDisposable
{
    /// <summary>Evaluation results the CLI writes beside a checkpoint.</summary>
    public const string MetricsFileName = "eval.json";

    private sealed record Slot(string? Path, SharedModel? Shared, string? Problem);

    // Indexed by kind; each slot is immutable and replaced whole, so readers need no lock.
    private readonly Slot[] slots;
    private readonly Device device;
    private readonly Lock swapLock = new();

    /// <summary>Where the models live: inputs must be sent there.</summary>
    public Device Device => device;

    private ModelCatalog(Device device, IReadOnlyDictionary<ModelKind, string> paths)
    {
        this.device = device;
        slots = Enum.GetValues<ModelKind>().Select(kind => paths.TryGetValue(kind, out var path)
            ? TryLoad(kind, path, device)
            : new Slot(null, null, "no checkpoint is configured for it")).ToArray();
    }

    /// <summary>Loads each given checkpoint; failures are recorded, not thrown.</summary>
    public static ModelCatalog Load(IReadOnlyDictionary<ModelKind, string> checkpointPaths, Device? device = null) =>
        new(device ?? CPU, checkpointPaths);

    /// <summary>The checkpoints shipped in the repository: checkpoints/&lt;kind&gt;/model.safetensors.</summary>
    public static ModelCatalog LoadShipped(string repoRoot, Device? device = null) =>
        Load(Enum.GetValues<ModelKind>().ToDictionary(kind => kind, kind => RepoPaths.ShippedModel(repoRoot, kind.Name())), device);

    /// <summary>Models already in memory (tests, embedding): their version is "in-memory".</summary>
    internal static ModelCatalog FromModels(IReadOnlyDictionary<ModelKind, ColorizationModel> models, Device? device = null)
    {
        var catalog = new ModelCatalog(device ?? CPU, new Dictionary<ModelKind, string>());
        foreach (var (kind, model) in models)
            catalog.slots[(int)kind] = new Slot(null, new SharedModel(model,
                new ModelInfo(kind, "(in memory)", "in-memory", null, model.ImageSize, null, DateTimeOffset.UtcNow)), null);
        return catalog;
    }

    /// <summary>A lease on the current model of a kind, or null when it is unavailable.</summary>
    public ModelLease? Acquire(ModelKind kind)
    {
        // A swap may retire the model between reading the slot and leasing it: then read the new slot.
        while (true)
        {
            var shared = Volatile.Read(ref slots[(int)kind]).Shared;
            if (shared is null) return null;
            if (shared.TryAcquire() is { } lease) return lease;
        }
    }

    public ModelAvailability Describe(ModelKind kind)
    {
        var slot = Volatile.Read(ref slots[(int)kind]);
        return new ModelAvailability(kind, slot.Path, slot.Shared?.Info, slot.Problem);
    }

    /// <summary>The input size of the current model of a kind (what to prepare images for), or null when unavailable.</summary>
    public int? ImageSize(ModelKind kind) => Describe(kind).Info?.ImageSize;

    public IReadOnlyList<ModelAvailability> Describe() => Enum.GetValues<ModelKind>().Select(Describe).ToList();

    /// <summary>
    /// Loads a new checkpoint for a kind beside the current one, checks it (<see cref="CanaryCheck"/>) and makes it
    /// current in one atomic step; batches already running finish on the old model, disposed once no batch uses it.
    /// When the new checkpoint cannot be loaded or fails its check, the old model stays and the error is thrown.
    /// </summary>
    public ModelInfo Replace(ModelKind kind, string checkpointPath)
    {
        var loaded = LoadChecked(kind, checkpointPath, device);
        Slot old;
        lock (swapLock)
        {
            old = slots[(int)kind];
            Volatile.Write(ref slots[(int)kind], new Slot(checkpointPath, loaded, null));
        }
        old.Shared?.Retire();
        return loaded.Info;
    }

    /// <summary>Records why the wanted version of a kind is not the one serving (the current model, if any, stays).</summary>
    public void ReportProblem(ModelKind kind, string? problem)
    {
        lock (swapLock) Volatile.Write(ref slots[(int)kind], slots[(int)kind] with { Problem = problem });
    }

    /// <summary>Loads a checkpoint and runs the canary check, as a swap would, without serving it; throws what a swap
    /// would. The info names the version it would serve as. <paramref name="kind"/> null accepts either kind.</summary>
    public static ModelInfo Check(string checkpointPath, ModelKind? kind = null, Device? device = null)
    {
        var loaded = LoadChecked(kind, checkpointPath, device ?? CPU);
        loaded.Retire();
        return loaded.Info;
    }

    public void Dispose()
    {
        lock (swapLock)
        {
            for (var i = 0; i < slots.Length; i++)
            {
                var old = slots[i];
                Volatile.Write(ref slots[i], old with { Shared = null, Problem = "the catalog was disposed" });
                old.Shared?.Retire();
            }
        }
    }

    private static Slot TryLoad(ModelKind kind, string path, Device device)
    {
        try
        {
            return new Slot(path, LoadChecked(kind, path, device), null);
        }
        catch (FileNotFoundException)
        {
            return new Slot(path, null, $"no checkpoint at {path}");
        }
        catch (Exception e) when (e is InvalidDataException or IOException or ExternalException or ArgumentException or FormatException or JsonException)
        {
            return new Slot(path, null, $"cannot load {path}: {EngineErrors.MessageOf(e)}");
        }
    }

    private static SharedModel LoadChecked(ModelKind? kind, string path, Device device)
    {
        var loaded = LoadModel(kind, path, device);
        try
        {
            CanaryCheck.Run(loaded.Model, device);
            return loaded;
        }
        catch
        {
            loaded.Retire();
            throw;
        }
    }

    private static SharedModel LoadModel(ModelKind? kind, string path, Device device)
    {
        var (model, metadata) = ModelCheckpoint.Load(path, device);
        if (kind is { } expected && model.Kind != expected)
        {
            model.Dispose();
            throw new InvalidDataException($"{path} holds a {model.Kind.Name()} model, not a {expected.Name()} one");
        }
        var epoch = metadata.TryGetValue("epoch", out var text) && int.TryParse(text, CultureInfo.InvariantCulture, out var e) ? e : (int?)null;
        var info = new ModelInfo(model.Kind, path, ShortHash(path), epoch, model.ImageSize, ReadMetrics(path), DateTimeOffset.UtcNow);
        return new SharedModel(model, info);
    }

    private static string ShortHash(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream))[..12];
    }

    /// <summary>The evaluation beside the checkpoint, if any: a broken one is ignored, the model still serves.</summary>
    private static EvaluationReport? ReadMetrics(string checkpointPath)
    {
        var file = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(checkpointPath))!, MetricsFileName);
        try
        {
            return File.Exists(file) ? EvaluationReport.FromJson(File.ReadAllText(file)) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
