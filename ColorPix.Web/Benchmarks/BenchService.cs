using System.Net.Http.Headers;
using System.Net.Http.Json;
using ColorPix.Core.Models;
using ColorPix.Web.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace ColorPix.Web.Benchmarks;

/// <summary>The real service, in this process, on a free 127.0.0.1 port over a throwaway database and object folder,
/// with limits that never refuse the benchmark's own traffic.</summary>
internal sealed class BenchService : IAsyncDisposable
{
    private const string Username = "bench";
    private readonly WebApplication app;
    private readonly HttpClient http;

    private BenchService(WebApplication app, Uri address) => (this.app, http) = (app, new HttpClient { BaseAddress = address });

    public static async Task<BenchService> StartAsync(string folder, IReadOnlyDictionary<ModelKind, string> models, BatchingMode batching)
    {
        var settings = ThrowawayServerSettings.For(folder);
        settings["urls"] = "http://127.0.0.1:0";
        settings["Models:AutoEncoder"] = models[ModelKind.AutoEncoder];
        settings["Models:Pix2Pix"] = models[ModelKind.Pix2Pix];
        settings["Inference:Capacity"] = "64";
        settings["Inference:MaxBatch"] = batching.MaxBatch.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Inference:MaxDelayMs"] = batching.MaxDelayMs.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var app = ColorPixApp.Build([], settings);
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        if (!address.IsLoopback)
        {
            await app.DisposeAsync();
            throw new InvalidOperationException($"the benchmark only talks to loopback, but the service listens on {address}");
        }
        return new BenchService(app, address);
    }

    /// <summary>Signs up the benchmark's user and returns its bearer token.</summary>
    public async Task<string> SignUpAsync(CancellationToken cancellation)
    {
        var password = ThrowawayServerSettings.Secret();
        (await http.PostAsJsonAsync("/add_user", new { username = Username, password }, cancellation)).EnsureSuccessStatusCode();
        using var token = await http.PostAsync("/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = Username, ["password"] = password,
        }), cancellation);
        token.EnsureSuccessStatusCode();
        var body = await token.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(cancellation);
        return body.GetProperty("access_token").GetString()!;
    }

    /// <summary>One client request as the spec's clients make it: upload, then colorize with both models. False when
    /// the service refused or failed either step.</summary>
    public async Task<bool> UploadAndColorizeAsync(string token, byte[] photo, CancellationToken cancellation)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(photo);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        form.Add(file, "file", "photo.jpg");
        using var upload = await SendAsync(HttpMethod.Post, "/upload_img2colorize", token, form, cancellation);
        if (!upload.IsSuccessStatusCode) return false;
        var id = (await upload.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(cancellation)).GetProperty("id").GetGuid();
        using var colorize = await SendAsync(HttpMethod.Get, $"/colorize?id={id:D}", token, null, cancellation);
        return colorize.IsSuccessStatusCode;
    }

    /// <summary>Uploads a ZIP as an album; its id, or null when the service refused it.</summary>
    public async Task<Guid?> UploadAlbumAsync(string token, byte[] zip, CancellationToken cancellation)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(zip);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        form.Add(file, "file", "album.zip");
        using var upload = await SendAsync(HttpMethod.Post, "/albums", token, form, cancellation);
        if (!upload.IsSuccessStatusCode) return null;
        return (await upload.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(cancellation)).GetProperty("album").GetProperty("id").GetGuid();
    }

    /// <summary>The album's progress as GET /albums/{id} reports it.</summary>
    public async Task<(bool Done, int Colorized, int Failed)> AlbumProgressAsync(string token, Guid id, CancellationToken cancellation)
    {
        using var response = await SendAsync(HttpMethod.Get, $"/albums/{id:D}", token, null, cancellation);
        response.EnsureSuccessStatusCode();
        var album = (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(cancellation)).GetProperty("album");
        return (album.GetProperty("state").GetString() == "done", album.GetProperty("done").GetInt32(), album.GetProperty("failed").GetInt32());
    }

    /// <summary>Downloads the album's results ZIP and returns its size in bytes.</summary>
    public async Task<long> DownloadAlbumAsync(string token, Guid id, CancellationToken cancellation)
    {
        using var response = await SendAsync(HttpMethod.Get, $"/albums/{id:D}/download", token, null, cancellation);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadAsByteArrayAsync(cancellation)).LongLength;
    }

    public async ValueTask DisposeAsync()
    {
        http.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, string token, HttpContent? content, CancellationToken cancellation)
    {
        using var request = new HttpRequestMessage(method, url) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await http.SendAsync(request, cancellation);
    }

}
