using System.Security.Cryptography;
using System.Text;
using ColorPix.Web.Storage.Metadata;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace ColorPix.Web.Auth;

/// <summary>
/// The JWT signing key, the same on every replica so that a token issued by one is valid on all: Auth:SigningKey when
/// configured, else the key kept in the shared database, which the first replica to start creates (the key file that
/// versions before 5 kept in data/secrets/ is no longer read: their tokens, an hour long at most, expire once).
/// Loaded once at start (<see cref="SigningKeyStartup"/>).
/// </summary>
public sealed class SigningKeyProvider(IOptions<AuthOptions> options, ISharedSecretStore secrets, TimeProvider clock)
{
    public const string SecretName = "auth/signing-key";

    private SymmetricSecurityKey? key;

    public SymmetricSecurityKey Key => key ?? throw new InvalidOperationException("the signing key is loaded when the host starts");

    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        var configured = options.Value.SigningKey;
        if (configured.Length > 0)
        {
            key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(configured));
            return;
        }
        var candidate = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));
        var shared = await secrets.GetOrAddAsync(SecretName, candidate, clock.GetUtcNow(), cancellationToken);
        key = new SymmetricSecurityKey(Convert.FromBase64String(shared));
    }
}

/// <summary>Loads the signing key after the storage is migrated (hosted services start in order) and before the
/// server takes requests.</summary>
internal sealed class SigningKeyStartup(SigningKeyProvider keys) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => keys.LoadAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
