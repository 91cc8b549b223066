namespace ColorPix.Web.Storage.Metadata;

/// <summary>An uploaded image. The id is chosen by the caller before anything is stored, because the object
/// keys contain it (<see cref="Objects.ObjectKeys"/>) and objects are written before their row.</summary>
/// <param name="OriginalFormat">The decoded format, e.g. "png", "jpeg".</param>
/// <param name="Sha256">Lowercase hex of the original bytes.</param>
/// <param name="WasGrayscale">Whether the upload was already gray (a colored upload is grayed before colorizing).</param>
/// <param name="Consent">Whether the owner allows this image to be used for training.</param>
/// <param name="ConsentChangedAt">When the owner last changed <paramref name="Consent"/> (the upload time until then):
/// with consent on, when they consented, which a training export records.</param>
public sealed record ImageRecord(
    Guid Id,
    long OwnerId,
    string OriginalKey,
    string ThumbnailKey,
    string OriginalFormat,
    int Width,
    int Height,
    long ByteSize,
    string Sha256,
    bool WasGrayscale,
    bool Consent,
    DateTimeOffset CreatedAt,
    DateTimeOffset ConsentChangedAt);

/// <summary>One page of a listing, with the total so that a client can page.</summary>
public sealed record ImagePage(IReadOnlyList<ImageRecord> Items, long Total, int Offset, int Limit);
