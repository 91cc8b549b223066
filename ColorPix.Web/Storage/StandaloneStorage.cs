using System.Data.Common;
using Amazon.Runtime;
using ColorPix.Core.Data;
using Microsoft.Extensions.Options;

namespace ColorPix.Web.Storage;

/// <summary>The storage `serve` uses, for a CLI verb that runs without the web host: the same configuration (the
/// clone's appsettings.json, then environment variables Section__Key), validated, migrated, the bucket made. A storage
/// that is misconfigured or cannot be reached fails here with a sentence naming it, not a driver's stack trace.</summary>
public sealed class StandaloneStorage : IAsyncDisposable
{
    private readonly IHost _host;

    private StandaloneStorage(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    /// <param name="services">More registrations the verb needs over the storage (e.g. the model registry).</param>
    public static async Task<StandaloneStorage> OpenAsync(CancellationToken cancellationToken, Action<IServiceCollection>? services = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = RepoPaths.FindRoot() });
        builder.AddColorPixStorage();
        services?.Invoke(builder.Services);
        var storage = new StandaloneStorage(builder.Build());
        try
        {
            await storage.Services.InitializeStorageAsync(cancellationToken);
            return storage;
        }
        catch (Exception e) when (Unavailable(e) is { } message)
        {
            await storage.DisposeAsync();
            throw new StorageUnavailableException(message, e);
        }
    }

    /// <summary>What to tell the user about a failure to reach or configure the storage; null for any other failure.</summary>
    private static string? Unavailable(Exception e) => e switch
    {
        OptionsValidationException invalid => "the storage is misconfigured: " + string.Join("; ", invalid.Failures),
        DbException or TimeoutException => $"the database could not be reached: {e.Message}",
        AmazonServiceException or AmazonClientException or HttpRequestException => $"the object storage could not be reached: {e.Message}",
        _ => null,
    };

    public async ValueTask DisposeAsync()
    {
        if (_host is IAsyncDisposable disposable) await disposable.DisposeAsync();
        else _host.Dispose();
    }
}

public sealed class StorageUnavailableException(string message, Exception inner) : Exception(message, inner);
