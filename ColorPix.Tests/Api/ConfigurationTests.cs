using ColorPix.Tests.Api.Infrastructure;

namespace ColorPix.Tests.Api;

/// <summary>A misconfigured service refuses to start, naming the setting to fix, rather than failing requests later.</summary>
public sealed class ConfigurationTests
{
    private static IEnumerable<TestCaseData> BadSettings() =>
    [
        new TestCaseData("Limits:MaxPixels", "0", "MaxPixels").SetName("Max_pixels_of_0_stops_the_start"),
        new TestCaseData("Limits:MaxUploadBytes", "10", "MaxUploadBytes").SetName("Max_upload_of_10_bytes_stops_the_start"),
        new TestCaseData("Auth:SigningKey", "too-short", "Auth:SigningKey").SetName("Short_signing_key_stops_the_start"),
        new TestCaseData("Auth:AdminPassword", "short", "Auth:AdminPassword").SetName("Short_admin_password_stops_the_start"),
        new TestCaseData("Database:Provider", "oracle", "Database:Provider 'oracle'").SetName("Unknown_database_provider_stops_the_start"),
        new TestCaseData("ObjectStorage:Provider", "ftp", "ObjectStorage:Provider 'ftp'").SetName("Unknown_object_storage_stops_the_start"),
        new TestCaseData("Inference:MaxBatch", "0", "MaxBatch").SetName("Max_batch_of_0_stops_the_start"),
        new TestCaseData("Inference:Capacity", "0", "Capacity").SetName("Queue_capacity_of_0_stops_the_start"),
        new TestCaseData("Models:Device", "tpu", "Models:Device").SetName("Unknown_model_device_stops_the_start"),
    ];

    [TestCaseSource(nameof(BadSettings))]
    public async Task Start_fails(string key, string value, string message)
    {
        var (app, folder, drop) = await ApiServer.BuildAsync(new Dictionary<string, string?> { [key] = value });
        try
        {
            var start = async () => await app.StartAsync();

            (await start.Should().ThrowAsync<Exception>()).Which.Message.Should().Contain(message);
        }
        finally
        {
            await app.DisposeAsync();
            await drop();
            Directory.Delete(folder, recursive: true);
        }
    }
}
