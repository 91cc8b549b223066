using ColorPix.Core.Models;

namespace ColorPix.Web.Storage.Metadata;

/// <summary>
/// The colorizations table. Reads take the owner of the image, like <see cref="IImageStore"/>.
/// <para>Write order: put the result and its thumbnail first, then <see cref="AddAsync"/>; if the row cannot be
/// written, delete the objects (<see cref="Objects.StoredObjects.PutThenRecordAsync{T}"/>).</para>
/// </summary>
public interface IColorizationStore
{
    /// <summary>
    /// Records a colorization; idempotent on (image, model): when one exists, it is kept unchanged and returned.
    /// Compare the returned ResultKey with yours: if they differ, your objects are unreferenced and yours to delete
    /// (with <see cref="Objects.ObjectKeys"/> they are the same keys, so the stored row points at your latest bytes).
    /// </summary>
    /// <exception cref="System.Data.Common.DbException">The image does not exist.</exception>
    Task<ColorizationRecord> AddAsync(NewColorization colorization, CancellationToken cancellationToken);

    /// <summary>The colorizations of the owner's image, by model; empty when the image is missing or someone else's.</summary>
    Task<IReadOnlyList<ColorizationRecord>> ListForImageAsync(long ownerId, Guid imageId, CancellationToken cancellationToken);

    /// <summary>The colorizations of several of the owner's images at once (a page of /user_imgs); others' ids are ignored.</summary>
    Task<IReadOnlyList<ColorizationRecord>> ListForImagesAsync(long ownerId, IReadOnlyCollection<Guid> imageIds, CancellationToken cancellationToken);

    Task<ColorizationRecord?> GetAsync(long ownerId, Guid imageId, ModelKind model, CancellationToken cancellationToken);
}
