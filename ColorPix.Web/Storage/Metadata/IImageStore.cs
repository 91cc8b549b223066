namespace ColorPix.Web.Storage.Metadata;

/// <summary>
/// The images table. Every read or change takes the owner: another user's image id gives exactly what a missing id
/// gives (null / false), so an endpoint cannot tell a stranger that an id exists.
/// <para>Write order: put the objects first, then <see cref="AddAsync"/>; if the row cannot be written, delete the
/// objects. <see cref="Objects.StoredObjects.PutThenRecordAsync{T}"/> does exactly that.</para>
/// </summary>
public interface IImageStore
{
    /// <exception cref="System.Data.Common.DbException">The owner does not exist or the id is taken.</exception>
    Task AddAsync(ImageRecord image, CancellationToken cancellationToken);

    /// <summary>The image if <paramref name="ownerId"/> owns it; null when it is missing or someone else's.</summary>
    Task<ImageRecord?> GetForOwnerAsync(long ownerId, Guid imageId, CancellationToken cancellationToken);

    /// <summary>The owner's images, newest first.</summary>
    /// <param name="limit">1 to <see cref="ImageStoreLimits.MaxPageSize"/>.</param>
    Task<ImagePage> ListForOwnerAsync(long ownerId, int offset, int limit, CancellationToken cancellationToken);

    /// <summary>Sets the image's consent; <paramref name="changedAt"/> becomes its
    /// <see cref="ImageRecord.ConsentChangedAt"/> only when the value changes. false when the image is missing or
    /// someone else's.</summary>
    Task<bool> SetConsentAsync(long ownerId, Guid imageId, bool consent, DateTimeOffset changedAt, CancellationToken cancellationToken);

    /// <summary>Deletes the image with its colorizations and ratings and returns the object keys to delete
    /// (original, thumbnail, results, result thumbnails); null when it is missing or someone else's.</summary>
    Task<DeletedObjects?> DeleteAsync(long ownerId, Guid imageId, CancellationToken cancellationToken);

    /// <summary>The images whose owners consented to training, oldest first: the only way images may be exported
    /// for training.</summary>
    Task<ImagePage> ListConsentedAsync(int offset, int limit, CancellationToken cancellationToken);
}

public static class ImageStoreLimits
{
    public const int MaxPageSize = 500;
}
