namespace ColorPix.Web.Storage.Metadata;

/// <summary>Secrets every replica must hold the same (migration 5): the JWT signing key and the Data Protection key
/// ring. They live in the shared database, never on one machine's disk, so any number of replicas agree on them.</summary>
public interface ISharedSecretStore
{
    /// <summary>The secret called <paramref name="name"/>. When there is none yet, <paramref name="candidate"/> becomes
    /// it; when replicas race, the first write wins and every one of them reads that.</summary>
    Task<string> GetOrAddAsync(string name, string candidate, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The values of the secrets whose names start with <paramref name="prefix"/>, oldest first.</summary>
    Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken cancellationToken);
}
