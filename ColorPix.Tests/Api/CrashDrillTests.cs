using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using ColorPix.Core.Models;
using ColorPix.Tests.Api.Infrastructure;
using ColorPix.Web.Storage.Metadata;
using ColorPix.Web.Storage.Objects;

namespace ColorPix.Tests.Api;

/// <summary>
/// `kill -9` of a real `colorpix serve` process at random moments under uploads and colorizations, several times, on
/// each storage. Then: every upload answered 201 is there, byte for byte; the next colorize request redoes what a
/// crash interrupted; and after one sweep the rows and the objects match exactly (no row without its bytes, no
/// object without its row, no temp file).
/// </summary>
public sealed class CrashDrillTests
{
    private const int Kills = 3;
    private const int Clients = 3;

    [TestCaseSource(typeof(ApiStorage), nameof(ApiStorage.All))]
    public async Task Kill_9_loses_no_answered_upload_and_leaves_nothing_a_sweep_does_not_clean(ApiStorage storage)
    {
        var folder = Directory.CreateTempSubdirectory("colorpix-crash-").FullName;
        var (storageSettings, dropStorage) = await storage.CreateAsync(folder);
        var settings = ServeProcess.Settings(Path.Combine(folder, "replica"));
        foreach (var (key, value) in storageSettings) settings[key] = value;
        var port = Storage.Servers.ChildProcess.FreePort();
        var answered = new ConcurrentDictionary<Guid, string>();   // image id -> SHA-256 of the bytes sent
        var random = new Random(12);
        var server = await ServeProcess.StartAsync(settings, port);
        try
        {
            var user = await ApiUser.SignedUpAsync(server.Http, "crash");
            for (var kill = 0; kill < Kills; kill++)
            {
                using var stop = new CancellationTokenSource();
                var clients = Enumerable.Range(0, Clients).Select(c => UploadAndColorizeAsync(user.Via(server.Http), kill * 100 + c, answered, stop.Token)).ToList();
                await Task.Delay(random.Next(500, 2500));
                server.Signal("KILL");
                (await server.WaitForExitAsync(TimeSpan.FromSeconds(30))).Should().BeTrue();
                await stop.CancelAsync();
                await Task.WhenAll(clients);
                await server.DisposeAsync();
                server = await ServeProcess.StartAsync(settings, port);
            }
            user = user.Via(server.Http);

            answered.Should().NotBeEmpty("uploads were answered between the kills");
            foreach (var (id, sha) in answered)
            {
                using var original = await user.GetAsync($"/images/{id:D}/original");
                original.StatusCode.Should().Be(HttpStatusCode.OK, $"upload {id} was answered 201");
                Convert.ToHexStringLower(SHA256.HashData(await original.Content.ReadAsByteArrayAsync())).Should().Be(sha);
            }
            // Also the uploads stored just before a kill whose answer never left: they are in the history.
            foreach (var id in await HistoryAsync(user))
            {
                using var colorized = await user.ColorizeAsync(id);
                colorized.StatusCode.Should().Be(HttpStatusCode.OK, "the next request redoes an interrupted colorization");
            }
            server.Signal("TERM");
            (await server.WaitForExitAsync(TimeSpan.FromSeconds(60))).Should().BeTrue();

            var counts = await CountAfterSweepAsync(storageSettings, folder, storage);
            TestContext.Out.WriteLine($"crash drill on {storage}: {Kills} kills; {answered.Count} uploads answered 201, all read back; {counts}");
            counts.Images.Should().BeGreaterThanOrEqualTo(answered.Count);
            counts.Colorizations.Should().Be(2 * counts.Images, "every image was colorized by both models in the end");
            counts.Unreferenced.Should().BeEmpty("the sweep removed every object without a row");
            counts.Missing.Should().BeEmpty("no row references bytes that are not there: " + string.Join(", ", counts.Missing));
            counts.TempFiles.Should().Be(0);
        }
        finally
        {
            await server.DisposeAsync();
            await dropStorage();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<List<Guid>> HistoryAsync(ApiUser user)
    {
        using var response = await user.GetAsync("/user_imgs?limit=100");
        var body = await response.JsonAsync(HttpStatusCode.OK);
        return body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToList();
    }

    private static async Task UploadAndColorizeAsync(ApiUser user, int client, ConcurrentDictionary<Guid, string> answered, CancellationToken stop)
    {
        for (var round = 0; !stop.IsCancellationRequested; round++)
        {
            try
            {
                // Now and then a large photo: its writes and colorizations last long enough for a kill to land inside.
                var seed = client * 1000 + round;
                var photo = round % 3 == 1 ? TestPhotos.GrayPng(2400, 1800, seed) : TestPhotos.GrayPng(640, 480, seed);
                using var upload = await user.UploadAsync(photo);
                if (upload.StatusCode != HttpStatusCode.Created) continue;
                var id = (await upload.JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
                answered[id] = Convert.ToHexStringLower(SHA256.HashData(photo));
                using var _ = await user.ColorizeAsync(id);
            }
            catch (HttpRequestException)
            {
                return;   // the server is gone
            }
        }
    }

    private sealed record SweptCounts(long Images, long Colorizations, int Objects, int OrphansSwept, int TempFilesSwept,
        IReadOnlyList<string> Unreferenced, IReadOnlyList<string> Missing, int TempFiles)
    {
        public override string ToString() =>
            $"{Images} image rows, {Colorizations} colorization rows, {Objects} objects after the sweep, which deleted {OrphansSwept} " +
            $"objects without a row and {TempFilesSwept} temp files; {Unreferenced.Count} unreferenced and {Missing.Count} missing objects left";
    }

    /// <summary>With the server stopped, one sweep (no grace: nothing is in progress), then rows against objects.</summary>
    private static async Task<SweptCounts> CountAfterSweepAsync(IReadOnlyDictionary<string, string?> settings, string folder, ApiStorage storage)
    {
        var (connections, store) = ApiStorage.StoresOf(settings);
        var references = new SqlObjectReferences(connections);
        var report = await new OrphanSweeper(store, references, TimeProvider.System).SweepAsync(TimeSpan.Zero, CancellationToken.None);
        var keys = await store.ListAsync("", CancellationToken.None).Select(o => o.Key).ToHashSetAsync();
        // The models' rows also name checkpoint files on disk (the shipped ones): those are paths, not object keys.
        var referenced = (await references.ListReferencedKeysAsync(CancellationToken.None)).Where(ObjectKeys.IsValid).ToHashSet();
        var images = await ApiStorage.CountRowsAsync(connections, "images");
        var colorizations = await ApiStorage.CountRowsAsync(connections, "colorizations");
        var temp = storage.LocalObjectFolder(folder) is { } local && Directory.Exists(Path.Combine(local, ".tmp"))
            ? Directory.GetFiles(Path.Combine(local, ".tmp")).Length : 0;
        if (store is IDisposable disposable) disposable.Dispose();
        return new SweptCounts(images, colorizations, keys.Count, report.Deleted.Count, report.AbandonedWrites,
            keys.Except(referenced).ToList(), referenced.Except(keys).ToList(), temp);
    }
}
