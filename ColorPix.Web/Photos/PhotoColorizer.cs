using System.Diagnostics;
using ColorPix.Core.Imaging;
using ColorPix.Core.Inference;
using ColorPix.Core.Models;
using ColorPix.Web.Endpoints;
using ColorPix.Web.Hosting;
using ColorPix.Web.Storage.Metadata;
using ColorPix.Web.Storage.Objects;
using Microsoft.Extensions.Options;

namespace ColorPix.Web.Photos;

/// <summary>
/// Colorizes an image with the models its owner gets, for GET /colorize and for the album worker alike: the memory
/// the full-size work holds is reserved first, the image is decoded once, and each model's result goes through the
/// one <see cref="ColorizationQueue"/>; results are stored once per (image, model).
/// </summary>
public sealed class PhotoColorizer(IColorizationStore colorizations, IObjectStore objects, ModelCatalog catalog, ColorizationQueue queue,
    IOptions<LimitsOptions> limits, TimeProvider clock)
{
    /// <summary>The kinds the user's photos are colorized with (the preferred one, else both) that are loaded now;
    /// none, with the reason, when no wanted model is loaded.</summary>
    public (IReadOnlyList<ModelKind> Available, string? Problem) ModelsFor(UserAccount user)
    {
        var wanted = user.PreferredModel is { } preferred ? [preferred] : Enum.GetValues<ModelKind>();
        var available = wanted.Where(k => catalog.Describe(k).IsAvailable).ToList();
        return available.Count > 0 ? (available, null)
            : ([], $"no model to serve: {string.Join("; ", wanted.Select(k => $"{k.Name()}: {catalog.Describe(k).Problem}"))}");
    }

    /// <summary>Computes the results of <paramref name="kinds"/> the image does not have yet, and returns its stored
    /// results of those kinds.</summary>
    /// <exception cref="MemoryBusyException"/>
    /// <exception cref="QueueFullException"/>
    /// <exception cref="ModelUnavailableException"/>
    public async Task<IReadOnlyList<ColorizationRecord>> ColorizeAsync(ImageRecord image, IReadOnlyList<ModelKind> kinds, CancellationToken ct)
    {
        var existing = await colorizations.ListForImageAsync(image.OwnerId, image.Id, ct);
        var missing = kinds.Where(k => existing.All(e => e.Model != k)).ToList();
        if (missing.Count > 0)
        {
            // The memory the full-size work will hold is reserved first: beyond the budget, requests wait, then get 503.
            using var memory = await queue.Memory.ReserveAsync(MemoryBudget.Estimate((long)image.Width * image.Height, missing.Count), ct);
            var original = await objects.GetBytesAsync(image.OriginalKey, ct) ?? throw new InvalidOperationException($"object {image.OriginalKey} is missing");
            // Decoded once for every model; each model size gets its small input. (The grayscale flag was recorded at upload.)
            using var decoded = Image.Decode(original, new ImageDecodeOptions { MaxPixels = limits.Value.MaxPixels });
            // Each model's size is read once: a swap to a model of another size meanwhile is absorbed by the queue.
            var sizes = missing.ToDictionary(kind => kind, queue.ModelSize);
            var prepared = sizes.Values.Distinct().ToDictionary(size => size, size => Colorizer.Prepare(decoded, size));
            try
            {
                // Both models at once: each has its own queue, so they run side by side.
                await Task.WhenAll(missing.Select(kind => ColorizeOneAsync(kind, prepared[sizes[kind]], image, ct)));
            }
            finally
            {
                foreach (var p in prepared.Values) p.Dispose();
            }
            existing = await colorizations.ListForImageAsync(image.OwnerId, image.Id, ct);
        }
        return existing.Where(e => kinds.Contains(e.Model)).ToList();
    }

    private async Task ColorizeOneAsync(ModelKind kind, PreparedImage prepared, ImageRecord image, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var (result, model) = await queue.ColorizeVersionedAsync(prepared, kind, ct);
        using var _ = result;
        var elapsed = watch.ElapsedMilliseconds;
        var version = model.Version;
        var (resultKey, thumbnailKey) = (ObjectKeys.Result(image.OwnerId, image.Id, kind.Name()), ObjectKeys.ResultThumbnail(image.OwnerId, image.Id, kind.Name()));
        // Once computed, the result is stored even if this client has gone: a cancellation between the objects and
        // the row would make put-then-record delete objects that a concurrent request's row for the same image uses.
        await objects.PutThenRecordAsync(
            [new ObjectToStore(resultKey, ResultEncoding.Png(result), ContentTypes.Png), new ObjectToStore(thumbnailKey, ResultEncoding.Thumbnail(result), ContentTypes.Jpeg)],
            c => colorizations.AddAsync(new NewColorization(image.Id, kind, version, resultKey, thumbnailKey, elapsed, clock.GetUtcNow()), c), CancellationToken.None);
    }
}
