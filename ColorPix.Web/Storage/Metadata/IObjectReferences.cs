namespace ColorPix.Web.Storage.Metadata;

/// <summary>Every object key that some row references: what the orphan sweeper must keep.</summary>
public interface IObjectReferences
{
    Task<IReadOnlySet<string>> ListReferencedKeysAsync(CancellationToken cancellationToken);
}
