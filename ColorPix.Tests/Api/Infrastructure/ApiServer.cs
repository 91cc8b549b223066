using ColorPix.Core.Models;
using ColorPix.Web.Auth;
using ColorPix.Web.Hosting;
using ColorPix.Web.Storage.Metadata;
using ColorPix.Web.Storage.Objects;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace ColorPix.Tests.Api.Infrastructure;

/// <summary>
/// The real service (ColorPixApp.Build) listening on a free loopback port, with a temp database and object store,
/// tiny checkpoints, a known admin and signing key. Tests talk to it over HTTP and look behind it through its stores.
/// </summary>
public sealed class ApiServer : IAsyncDisposable
{
    public const string AdminUsername = "admin";
    public const string AdminPassword = "admin-password-for-tests";
    public const string SigningKey = "colorpix-api-tests-signing-key-0123456789";
    public const string Password = "correct-horse-battery";

    private readonly WebApplication app;
    private readonly string folder;
    private readonly Func<Task> dropStorage;

    public HttpClient Http { get; }
    public string? ObjectFolder { get; }

    /// <summary>Where its rows and objects are: a replica started with these shares them.</summary>
    public IReadOnlyDictionary<string, string?> StorageSettings { get; }

    private ApiServer(WebApplication app, string folder, string? objectFolder, Func<Task> dropStorage, Uri address, IReadOnlyDictionary<string, string?> storageSettings)
    {
        (this.app, this.folder, ObjectFolder, this.dropStorage, StorageSettings) = (app, folder, objectFolder, dropStorage, storageSettings);
        Http = new HttpClient { BaseAddress = address };
    }

    /// <summary>The settings every test server has; a test's own settings come on top.</summary>
    public static Dictionary<string, string?> BaseSettings() => new()
    {
        ["urls"] = "http://127.0.0.1:0",
        ["Logging:LogLevel:Default"] = "Warning",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Error",
        ["Auth:AdminUsername"] = AdminUsername,
        ["Auth:AdminPassword"] = AdminPassword,
        ["Auth:SigningKey"] = SigningKey,
        ["Models:AutoEncoder"] = TestCheckpoints.PathOf(ModelKind.AutoEncoder),
        ["Models:Pix2Pix"] = TestCheckpoints.PathOf(ModelKind.Pix2Pix),
        ["ObjectStorage:Sweep:IntervalMinutes"] = "0",
        ["Selection:Enabled"] = "false",
        ["Report:Enabled"] = "false",
        ["Drift:Enabled"] = "false",
    };

    /// <summary>Builds the app with these settings (over the base ones and a fresh store) without starting it.</summary>
    public static async Task<(WebApplication App, string Folder, Func<Task> Drop)> BuildAsync(
        IReadOnlyDictionary<string, string?>? settings = null, ApiStorage? storage = null)
    {
        var (app, folder, drop, _) = await BuildWithStorageAsync(settings, storage);
        return (app, folder, drop);
    }

    private static async Task<(WebApplication App, string Folder, Func<Task> Drop, Dictionary<string, string?> Storage)> BuildWithStorageAsync(
        IReadOnlyDictionary<string, string?>? settings, ApiStorage? storage)
    {
        var folder = Directory.CreateTempSubdirectory("colorpix-api-").FullName;
        var (storageSettings, drop) = await (storage ?? ApiStorage.SqliteAndFolder).CreateAsync(folder);
        var all = BaseSettings();
        all["Registry:CacheDirectory"] = Path.Combine(folder, "model-cache");
        all["Registry:Mlruns"] = Path.Combine(folder, "mlruns");
        foreach (var (key, value) in storageSettings.Concat(settings ?? new Dictionary<string, string?>())) all[key] = value;
        return (ColorPixApp.Build([], all), folder, drop, storageSettings);
    }

    public static async Task<ApiServer> StartAsync(IReadOnlyDictionary<string, string?>? settings = null, ApiStorage? storage = null)
    {
        storage ??= ApiStorage.SqliteAndFolder;
        var (app, folder, drop, storageSettings) = await BuildWithStorageAsync(settings, storage);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new ApiServer(app, folder, storage.LocalObjectFolder(folder), drop, new Uri(address), storageSettings);
    }

    /// <summary>Another server on this one's database and object store (its own process state, folder and port), as a
    /// second replica behind a load balancer. The first server drops the storage; dispose the replica first.</summary>
    public async Task<ApiServer> StartReplicaAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var shared = new Dictionary<string, string?>(StorageSettings);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) shared[key] = value;
        var (app, folder, drop, _) = await BuildWithStorageAsync(shared, ApiStorage.SqliteAndFolder);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new ApiServer(app, folder, ObjectFolder, drop, new Uri(address), StorageSettings);
    }

    public T Service<T>() where T : notnull => app.Services.GetRequiredService<T>();

    public ApiUser Anonymous => new(Http, "", null);

    /// <summary>Signs up through the API and signs in: a new user with a unique name.</summary>
    public Task<ApiUser> SignUpAsync(string prefix = "user") => ApiUser.SignedUpAsync(Http, prefix);

    public async Task<ApiUser> SignInAsync(string username, string password)
    {
        using var response = await Anonymous.TokenAsync(username, password);
        var body = await response.JsonAsync(System.Net.HttpStatusCode.OK);
        return new ApiUser(Http, username, body.GetProperty("access_token").GetString());
    }

    public Task<ApiUser> AdminAsync() => SignInAsync(AdminUsername, AdminPassword);

    /// <summary>A user made in the store with a token from the service's TokenService: no sign-in, so no login permit spent.</summary>
    public async Task<ApiUser> CreateUserDirectlyAsync(string prefix = "direct")
    {
        var username = UniqueName(prefix);
        var hash = Service<IPasswordHasher<UserAccount>>().HashPassword(null!, Password);
        var account = await Service<IUserStore>().CreateAsync(new NewUser(username, hash, IsAdmin: false, DateTimeOffset.UtcNow), CancellationToken.None);
        return new ApiUser(Http, username, Service<TokenService>().Issue(account.Id, account.Username, account.IsAdmin).AccessToken);
    }

    public Task<long> CountRowsAsync(string table, string filter = "1 = 1", object? parameters = null) =>
        ApiStorage.CountRowsAsync(Service<IDbConnectionFactory>(), table, filter, parameters);

    public async Task<IReadOnlyList<string>> ObjectKeysAsync(string prefix = "")
    {
        var keys = new List<string>();
        await foreach (var info in Service<IObjectStore>().ListAsync(prefix, CancellationToken.None)) keys.Add(info.Key);
        return keys;
    }

    /// <summary>Rows, and the objects of users (the registered models' checkpoints are the service's own, not counted):
    /// for a local store, the files on disk, so that a file the store forgot is counted too.</summary>
    public async Task<StorageCounts> CountStoredAsync() => new(
        ObjectFolder is null ? (await ObjectKeysAsync("users/")).Count
            : Directory.Exists(Path.Combine(ObjectFolder, "users")) ? Directory.EnumerateFiles(Path.Combine(ObjectFolder, "users"), "*", SearchOption.AllDirectories).Count() : 0,
        await CountRowsAsync("users"), await CountRowsAsync("images"), await CountRowsAsync("colorizations"), await CountRowsAsync("ratings"));

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
        await dropStorage();
        Directory.Delete(folder, recursive: true);
    }

    public static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..24];
}

public sealed record StorageCounts(int Objects, long Users, long Images, long Colorizations, long Ratings);
