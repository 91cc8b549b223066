using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using IPNetwork = System.Net.IPNetwork;

namespace ColorPix.Web.Hosting;

/// <summary>The `Proxy` section: the reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are believed.</summary>
public sealed class ProxyOptions
{
    public const string Section = "Proxy";

    /// <summary>Addresses or CIDR networks of the proxies in front of ColorPix (e.g. "127.0.0.1", "172.18.0.0/16").
    /// Empty: nothing is trusted, the client is the peer of the connection.</summary>
    public string[] Trusted { get; set; } = [];

    /// <summary>An entry as a network: a bare address is a network of one.</summary>
    public static bool TryParse(string entry, out IPNetwork network) =>
        IPNetwork.TryParse(entry.Contains('/') ? entry : $"{entry}/{(entry.Contains(':') ? 128 : 32)}", out network);
}

/// <summary>Behind nginx every connection comes from nginx: without this, the per-address sign-in limit would count
/// all users together. Only listed proxies are believed, so a client cannot pick its own address.</summary>
public static class ForwardedClients
{
    public static IHostApplicationBuilder AddColorPixForwardedClients(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ProxyOptions>().BindConfiguration(ProxyOptions.Section)
            .Validate(o => o.Trusted.All(entry => ProxyOptions.TryParse(entry, out _)), "Proxy:Trusted holds an entry that is not an address or a CIDR network")
            .ValidateOnStart();
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ProxyOptions>>((o, proxy) =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.KnownIPNetworks.Clear();
            o.KnownProxies.Clear();
            foreach (var entry in proxy.Value.Trusted)
                if (ProxyOptions.TryParse(entry, out var network)) o.KnownIPNetworks.Add(network);
        });
        return builder;
    }

    public static WebApplication UseColorPixForwardedClients(this WebApplication app)
    {
        app.UseForwardedHeaders();
        return app;
    }
}
