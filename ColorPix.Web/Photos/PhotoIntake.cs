using System.Security.Cryptography;
using ColorPix.Core.Data;
using ColorPix.Core.Imaging;
using ColorPix.Core.Inference;
using ColorPix.Web.Endpoints;
using ColorPix.Web.Hosting;
using ColorPix.Web.Monitoring;
using ColorPix.Web.Storage.Metadata;
using ColorPix.Web.Storage.Objects;
using Microsoft.Extensions.Options;

namespace ColorPix.Web.Photos;

/// <summary>
/// How a photo becomes an image of its owner, for a single upload and for each photo of an album alike: probe the
/// header (unsupported 415, broken 422), the pixel cap (422), the memory budget, decode, then the original and its
/// thumbnail are stored before the row (put-then-record), and the upload's drift features are recorded.
/// Refusals are the exceptions ProblemMapping turns into ProblemDetails.
/// </summary>
public sealed class PhotoIntake(IImageStore images, IObjectStore objects, IOptions<LimitsOptions> limits, ColorizationQueue queue,
    DriftDetector drift, TimeProvider clock)
{
    /// <summary>The size check that comes before any byte is read: the caller knows the length from the request or the ZIP.</summary>
    public string? TooLarge(long length) =>
        length > limits.Value.MaxUploadBytes ? $"the file is {length:N0} bytes; the limit is {limits.Value.MaxUploadBytes:N0}" : null;

    /// <summary>A multipart file's bytes, whose length was checked with <see cref="TooLarge"/>.</summary>
    public static async Task<byte[]> ReadAsync(IFormFile file, CancellationToken ct)
    {
        var bytes = new byte[file.Length];
        await using var stream = file.OpenReadStream();
        await stream.ReadExactlyAsync(bytes, ct);
        return bytes;
    }

    /// <exception cref="UnsupportedImageException"/>
    /// <exception cref="ImageTooLargeException"/>
    /// <exception cref="CorruptImageException"/>
    /// <exception cref="MemoryBusyException"/>
    public async Task<ImageRecord> AcceptAsync(UserAccount owner, byte[] bytes, bool? consent, CancellationToken ct)
    {
        var max = limits.Value.MaxPixels;
        var info = ImageProbe.Probe(bytes);
        if (info.Pixels > max) throw new ImageTooLargeException(info.Width, info.Height, max);
        using var memory = await queue.Memory.ReserveAsync(MemoryBudget.Estimate(info.Pixels, models: 0), ct);
        using var image = Image.Decode(bytes, new ImageDecodeOptions { MaxPixels = max });
        var wasGray = SourceImageScreen.IsGrayscale(image);
        var id = Guid.NewGuid();
        var extension = info.Format.ToString().ToLowerInvariant();
        var now = clock.GetUtcNow();
        var record = new ImageRecord(id, owner.Id, ObjectKeys.Original(owner.Id, id, extension), ObjectKeys.Thumbnail(owner.Id, id), extension,
            image.Width, image.Height, bytes.Length, Convert.ToHexStringLower(SHA256.HashData(bytes)), wasGray, consent ?? owner.DefaultConsent, now, now);
        await objects.PutThenRecordAsync(
            [new ObjectToStore(record.OriginalKey, bytes, ContentTypes.Of(info.Format)), new ObjectToStore(record.ThumbnailKey, ResultEncoding.Thumbnail(image), ContentTypes.Jpeg)],
            c => images.AddAsync(record, c), ct);
        await drift.RecordUploadAsync(image, wasGray, ct);
        return record;
    }
}
