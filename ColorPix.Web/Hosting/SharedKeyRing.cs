using System.Xml.Linq;
using ColorPix.Web.Storage.Metadata;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;

namespace ColorPix.Web.Hosting;

/// <summary>
/// The Data Protection key ring in the shared database, so whatever one replica protects every other can read.
/// Data Protection's repository interface is synchronous; it is called when the ring is first read and when a key
/// is added (about every 90 days), never per request, so blocking on the store there is harmless.
/// </summary>
internal sealed class SharedKeyRing(ISharedSecretStore secrets, TimeProvider clock) : IXmlRepository
{
    private const string Prefix = "data-protection/";

    public IReadOnlyCollection<XElement> GetAllElements() =>
        secrets.ListAsync(Prefix, CancellationToken.None).GetAwaiter().GetResult().Select(XElement.Parse).ToList();

    public void StoreElement(XElement element, string friendlyName) =>
        secrets.GetOrAddAsync(Prefix + friendlyName, element.ToString(SaveOptions.DisableFormatting), clock.GetUtcNow(), CancellationToken.None)
            .GetAwaiter().GetResult();

    public static void Register(IHostApplicationBuilder builder)
    {
        builder.Services.AddDataProtection().SetApplicationName("colorpix");
        builder.Services.AddSingleton<SharedKeyRing>();
        builder.Services.AddOptions<KeyManagementOptions>().Configure<SharedKeyRing>((o, ring) => o.XmlRepository = ring);
    }
}
