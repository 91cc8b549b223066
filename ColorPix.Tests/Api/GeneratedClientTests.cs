using System.Net;
using ColorPix.Client;
using ColorPix.Client.Models;
using ColorPix.Client.Token;
using ColorPix.Core.Data;
using ColorPix.Tests.Api.Infrastructure;
using ColorPix.Tests.Storage.Servers;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;

namespace ColorPix.Tests.Api;

/// <summary>
/// The Kiota client generated from the OpenAPI document (ColorPix.Tests.Client) drives the service, so the document is
/// proven usable by a generator, not only lint-clean; and the checked-in client is what the served document generates.
/// </summary>
public sealed class GeneratedClientTests
{
    private const string GeneratedFolder = "ColorPix.Tests.Client/Generated";
    private const string LockFile = "kiota-lock.json";

    [Test]
    public async Task Generated_client_signs_up_uploads_and_colorizes_with_both_models()
    {
        var server = await ApiServers.Shared;
        var anonymous = Client(server, token: null);
        var name = ApiServer.UniqueName("kiota");

        var user = await anonymous.Add_user.PostAsync(new SignUpRequest { Username = name, Password = ApiServer.Password });
        var token = await anonymous.Token.PostAsync(new TokenPostRequestBody { Username = name, Password = ApiServer.Password });
        var client = Client(server, token!.AccessToken);
        var upload = await client.Upload_img2colorize.PostAsync(Photo(TestPhotos.GrayPng(64, 48), "gray.png", "image/png"));
        var colorized = await client.Colorize.GetAsync(r => r.QueryParameters.Id = upload!.Id);

        user!.Username.Should().Be(name);
        token.TokenType.Should().Be("bearer");
        (upload!.Width, upload.Height, upload.WasGrayscale).Should().Be((64, 48, true));
        colorized!.Id.Should().Be(upload.Id);
        colorized.Results!.Select(r => r.Model).Should().Equal("autoencoder", "pix2pix");
        foreach (var result in colorized.Results!)
        {
            await using var png = await client.Images[upload.Id!.Value].Results[result.Model!].GetAsync();
            using var bytes = new MemoryStream();
            await png!.CopyToAsync(bytes);
            TestPhotos.SizeOf(bytes.ToArray()).Should().Be((64, 48), "the result has the upload's size");
        }
    }

    [Test]
    public async Task Generated_client_uploads_a_zip_album_follows_it_and_downloads_its_results()
    {
        var server = await ApiServers.Shared;
        var user = await server.SignUpAsync("kiota");
        var client = Client(server, user.Token);
        var zip = TestZips.Of(("one.png", TestPhotos.GrayPng(20, 16, seed: 1)), ("two.png", TestPhotos.GrayPng(16, 20, seed: 2)));

        var created = await client.Albums.PostAsync(Photo(zip, "two.zip", "application/zip"));
        AlbumResponse? album = null;
        await Eventually.UntilAsync(async () => (album = await client.Albums[created!.Album!.Id!.Value].GetAsync())!.Album!.State == "done",
            "the album is done");
        await using var download = await client.Albums[created!.Album!.Id!.Value].Download.GetAsync();
        using var bytes = new MemoryStream();
        await download!.CopyToAsync(bytes);

        (created.Album.Total, album!.Album!.Done).Should().Be((2, 2));
        album.Entries!.Select(e => e.Status).Should().Equal("done", "done");
        TestZips.Read(bytes.ToArray()).Keys.Should().BeEquivalentTo("one.autoencoder.png", "one.pix2pix.png", "two.autoencoder.png", "two.pix2pix.png");
    }

    [Test]
    public async Task A_wrong_password_surfaces_as_a_typed_401_problem()
    {
        var server = await ApiServers.Shared;
        var anonymous = Client(server, token: null);
        var name = ApiServer.UniqueName("kiota");
        await anonymous.Add_user.PostAsync(new SignUpRequest { Username = name, Password = ApiServer.Password });

        var refused = () => anonymous.Token.PostAsync(new TokenPostRequestBody { Username = name, Password = "not-the-password" });

        var problem = (await refused.Should().ThrowAsync<ProblemDetails>()).Which;
        problem.ResponseStatusCode.Should().Be((int)HttpStatusCode.Unauthorized);
        problem.Status.Should().Be(401);
        problem.Title.Should().NotBeNullOrEmpty();
    }

    [Test]
    public async Task An_upload_of_text_surfaces_as_a_typed_415_problem()
    {
        var server = await ApiServers.Shared;
        var client = Client(server, (await server.SignUpAsync()).Token);

        var refused = () => client.Upload_img2colorize.PostAsync(Photo("not a photo"u8.ToArray(), "notes.txt", "text/plain"));

        var problem = (await refused.Should().ThrowAsync<ProblemDetails>()).Which;
        problem.ResponseStatusCode.Should().Be((int)HttpStatusCode.UnsupportedMediaType);
        problem.Status.Should().Be(415);
    }

    [Test]
    public async Task Checked_in_client_is_what_the_served_document_generates()
    {
        var server = await ApiServers.Shared;
        var root = RepoPaths.FindRoot(TestContext.CurrentContext.TestDirectory);
        var folder = Directory.CreateTempSubdirectory("colorpix-kiota-").FullName;
        try
        {
            var document = Path.Combine(folder, "openapi.json");
            await File.WriteAllTextAsync(document, await server.Http.GetStringAsync("/openapi/v1.json"));
            var output = Path.Combine(folder, "Generated");

            // The tool of .config/dotnet-tools.json, with the arguments of scripts/generate-client.sh.
            ChildProcess.Run(root, "dotnet", "tool", "restore");
            ChildProcess.Run(root, "dotnet", "kiota", "generate", "-l", "CSharp", "-d", document, "-c", "ColorPixClient",
                "-n", "ColorPix.Client", "-o", output, "--clean-output", "--log-level", "Error");

            var checkedIn = Path.Combine(root, GeneratedFolder);
            Files(output).Should().Equal(Files(checkedIn), "scripts/generate-client.sh regenerates the client after a route changes");
            Files(output).Where(f => Comparable(Path.Combine(output, f)) != Comparable(Path.Combine(checkedIn, f)))
                .Should().BeEmpty($"these files of {GeneratedFolder} are stale: run scripts/generate-client.sh");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>A client whose bearer token comes through Kiota's own authentication provider.</summary>
    private static ColorPixClient Client(ApiServer server, string? token)
    {
        IAuthenticationProvider auth = token is null
            ? new AnonymousAuthenticationProvider()
            : new BaseBearerTokenAuthenticationProvider(new FixedToken(token));
        // The document's server is the relative "/": the generated client cannot know where the service runs.
        var adapter = new HttpClientRequestAdapter(auth) { BaseUrl = server.Http.BaseAddress!.ToString().TrimEnd('/') };
        return new ColorPixClient(adapter);
    }

    private static MultipartBody Photo(byte[] bytes, string fileName, string contentType)
    {
        var body = new MultipartBody();
        body.AddOrReplacePart("file", contentType, bytes, fileName);
        return body;
    }

    /// <summary>The files below a folder, by relative path, without Kiota's log of the run.</summary>
    private static List<string> Files(string folder) =>
        Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(folder, f))
            .Where(f => f != ".kiota.log").Order(StringComparer.Ordinal).ToList();

    /// <summary>A file's text, but the lock file without the document's location, which differs from the script's.</summary>
    private static string Comparable(string path)
    {
        var lines = File.ReadAllLines(path);
        return string.Join('\n', Path.GetFileName(path) == LockFile ? lines.Where(l => !l.TrimStart().StartsWith("\"descriptionLocation\"")) : lines);
    }

    private sealed class FixedToken(string token) : IAccessTokenProvider
    {
        public AllowedHostsValidator AllowedHostsValidator { get; } = new();

        public Task<string> GetAuthorizationTokenAsync(Uri uri, Dictionary<string, object>? additionalAuthenticationContext = null,
            CancellationToken cancellationToken = default) => Task.FromResult(token);
    }
}
