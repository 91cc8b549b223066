using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace ColorPix.Tests.Api.Infrastructure;

/// <summary>One client of the API: its requests carry its bearer token (none for the anonymous client).</summary>
public sealed class ApiUser(HttpClient http, string username, string? token)
{
    public string Username { get; } = username;
    public string? Token { get; } = token;

    public ApiUser WithToken(string? otherToken) => new(http, Username, otherToken);

    /// <summary>The same user, token and all, talking to another server (a replica).</summary>
    public ApiUser Via(HttpClient other) => new(other, Username, Token);

    public Task<HttpResponseMessage> GetAsync(string url) => SendAsync(HttpMethod.Get, url);
    public Task<HttpResponseMessage> PostAsync(string url, HttpContent? content = null) => SendAsync(HttpMethod.Post, url, content);
    public Task<HttpResponseMessage> PutAsync(string url) => SendAsync(HttpMethod.Put, url);
    public Task<HttpResponseMessage> DeleteAsync(string url) => SendAsync(HttpMethod.Delete, url);

    /// <summary>Signs up a new user with a unique name through <paramref name="http"/> and signs it in.</summary>
    public static async Task<ApiUser> SignedUpAsync(HttpClient http, string prefix)
    {
        var anonymous = new ApiUser(http, "", null);
        var username = ApiServer.UniqueName(prefix);
        (await anonymous.SignUpAsync(username, ApiServer.Password)).StatusCode.Should().Be(System.Net.HttpStatusCode.Created);
        using var response = await anonymous.TokenAsync(username, ApiServer.Password);
        return new ApiUser(http, username, (await response.JsonAsync(System.Net.HttpStatusCode.OK)).GetProperty("access_token").GetString());
    }

    public Task<HttpResponseMessage> SignUpAsync(string name, string password) =>
        PostAsync("/add_user", JsonContent.Create(new { username = name, password }));

    public Task<HttpResponseMessage> TokenAsync(string name, string password) =>
        PostAsync("/token", new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = name, ["password"] = password }));

    public Task<HttpResponseMessage> UploadAsync(byte[] bytes, string fileName = "photo.png", string contentType = "image/png", string field = "file")
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        form.Add(file, field, fileName);
        // As curl does for large bodies: the server can refuse one over its limit (413) before it is sent. Without it, a
        // client still writing when the server answers and closes sometimes saw "broken pipe" instead of the 413.
        return SendAsync(HttpMethod.Post, "/upload_img2colorize", form, expectContinue: bytes.Length > 64 * 1024);
    }

    /// <summary>Uploads and returns the new image's id, failing the test unless the upload is accepted.</summary>
    public async Task<Guid> UploadedAsync(byte[] bytes)
    {
        using var response = await UploadAsync(bytes);
        return (await response.JsonAsync(System.Net.HttpStatusCode.Created)).GetProperty("id").GetGuid();
    }

    public Task<HttpResponseMessage> ColorizeAsync(Guid id) => GetAsync($"/colorize?id={id:D}");

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, HttpContent? content = null, bool expectContinue = false)
    {
        using var request = new HttpRequestMessage(method, url) { Content = content };
        request.Headers.ExpectContinue = expectContinue;
        if (Token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        return await http.SendAsync(request);
    }
}
