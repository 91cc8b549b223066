using System.Security.Cryptography;
using ColorPix.Web.Storage.Metadata;
using ColorPix.Web.Storage.Objects;

namespace ColorPix.Tests.Storage;

/// <summary>Rows as the API would write them, with object keys from <see cref="ObjectKeys"/>.</summary>
internal static class StorageTestData
{
    public static readonly CancellationToken None = CancellationToken.None;
    public static readonly DateTimeOffset T0 = new(2026, 3, 14, 15, 9, 26, TimeSpan.Zero);

    public static Task<UserAccount> UserAsync(this MetadataDatabase db, string name, bool admin = false) =>
        db.Users.CreateAsync(new NewUser(name, $"AQAAAAIAAYagAAAAE-hash-of-{name}", admin, T0), CancellationToken.None);

    public static ImageRecord Image(long ownerId, bool consent = false, int minute = 0)
    {
        var id = Guid.NewGuid();
        return new ImageRecord(id, ownerId, ObjectKeys.Original(ownerId, id, "png"), ObjectKeys.Thumbnail(ownerId, id), "png",
            640, 480, 12345, Convert.ToHexStringLower(SHA256.HashData(id.ToByteArray())), WasGrayscale: true, consent, T0.AddMinutes(minute),
            T0.AddMinutes(minute));
    }

    /// <summary>The row of a colour upload of <paramref name="original"/>, its size and sha256 those of the bytes.</summary>
    public static ImageRecord ImageOf(byte[] original, long ownerId, bool consent, int minute = 0) => Image(ownerId, consent, minute) with
    {
        ByteSize = original.Length, Sha256 = Convert.ToHexStringLower(SHA256.HashData(original)), WasGrayscale = false,
    };

    public static async Task<ImageRecord> ImageAsync(this MetadataDatabase db, long ownerId, bool consent = false, int minute = 0)
    {
        var image = Image(ownerId, consent, minute);
        await db.Images.AddAsync(image, CancellationToken.None);
        return image;
    }

    public static NewColorization Colorization(ImageRecord image, Core.Models.ModelKind model, string version = "v1")
    {
        var name = Core.Models.ModelKinds.Name(model);
        return new NewColorization(image.Id, model, version, ObjectKeys.Result(image.OwnerId, image.Id, name),
            ObjectKeys.ResultThumbnail(image.OwnerId, image.Id, name), 42, T0.AddSeconds(30));
    }

    public static Task<ColorizationRecord> ColorizationAsync(this MetadataDatabase db, ImageRecord image, Core.Models.ModelKind model) =>
        db.Colorizations.AddAsync(Colorization(image, model), CancellationToken.None);

    /// <summary>Every key the rows of an image hold, as the deletions must return them.</summary>
    public static IEnumerable<string> KeysOf(ImageRecord image, params ColorizationRecord[] colorizations) =>
        new[] { image.OriginalKey, image.ThumbnailKey }
            .Concat(colorizations.SelectMany(c => new[] { c.ResultKey, c.ResultThumbnailKey }));
}
