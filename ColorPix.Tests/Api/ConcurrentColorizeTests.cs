using System.Net;
using ColorPix.Tests.Api.Infrastructure;

namespace ColorPix.Tests.Api;

public sealed class ConcurrentColorizeTests
{
    [Test]
    public async Task Simultaneous_colorizations_of_one_image_store_one_result_per_model()
    {
        var server = await ApiServers.Shared;
        var user = await server.SignUpAsync();
        var id = await user.UploadedAsync(TestPhotos.GrayPng(64, 48, seed: 21));

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => user.ColorizeAsync(id)));

        foreach (var response in responses)
            (await response.JsonAsync(HttpStatusCode.OK)).GetProperty("results").Names("model").Should().Equal("autoencoder", "pix2pix");
        var history = await (await user.GetAsync("/user_imgs")).JsonAsync(HttpStatusCode.OK);
        history.GetProperty("items")[0].GetProperty("results").GetArrayLength().Should().Be(2);
        (await server.ObjectKeysAsync()).Count(k => k.Contains($"/images/{id:D}/")).Should().Be(6, "original, thumbnail, two results and their thumbnails");
    }
}
