using ColorPix.Core.Models;
using ColorPix.Web.Storage.Metadata;
using static ColorPix.Tests.Storage.StorageTestData;

namespace ColorPix.Tests.Storage;

public class ColorizationAndRatingTests
{
    [TestCaseSource(typeof(MetadataBackend), nameof(MetadataBackend.All))]
    public async Task Adding_the_same_image_and_model_twice_keeps_one_row_the_first(MetadataBackend backend)
    {
        await using var db = await backend.CreateAsync();
        var alice = await db.UserAsync("alice");
        var image = await db.ImageAsync(alice.Id);
        var first = Colorization(image, ModelKind.Pix2Pix, "v1");

        var stored = await db.Colorizations.AddAsync(first, None);
        var again = await db.Colorizations.AddAsync(first with { ModelVersion = "v2", DurationMs = 99 }, None);
        var other = await db.ColorizationAsync(image, ModelKind.AutoEncoder);

        stored.Should().Be(new ColorizationRecord(stored.Id, image.Id, ModelKind.Pix2Pix, "v1", first.ResultKey, first.ResultThumbnailKey,
            42, first.CreatedAt));
        again.Should().Be(stored);
        (await db.Colorizations.ListForImageAsync(alice.Id, image.Id, None)).Should().BeEquivalentTo([stored, other]);
        (await db.Colorizations.GetAsync(alice.Id, image.Id, ModelKind.Pix2Pix, None)).Should().Be(stored);
    }

    [TestCaseSource(typeof(MetadataBackend), nameof(MetadataBackend.All))]
    public async Task Colorizations_of_a_page_of_images_come_in_one_call_without_others_images(MetadataBackend backend)
    {
        await using var db = await backend.CreateAsync();
        var alice = await db.UserAsync("alice");
        var bob = await db.UserAsync("bob");
        var one = await db.ImageAsync(alice.Id);
        var two = await db.ImageAsync(alice.Id);
        var bobs = await db.ImageAsync(bob.Id);
        var expected = new[] { await db.ColorizationAsync(one, ModelKind.AutoEncoder), await db.ColorizationAsync(two, ModelKind.Pix2Pix) };
        await db.ColorizationAsync(bobs, ModelKind.Pix2Pix);

        var listed = await db.Colorizations.ListForImagesAsync(alice.Id, [one.Id, two.Id, bobs.Id], None);

        listed.Should().BeEquivalentTo(expected);
        (await db.Colorizations.ListForImagesAsync(alice.Id, [], None)).Should().BeEmpty();
    }

    [TestCaseSource(typeof(MetadataBackend), nameof(MetadataBackend.All))]
    public async Task A_rating_is_upserted_per_user_image_and_model_and_summarized_per_model(MetadataBackend backend)
    {
        await using var db = await backend.CreateAsync();
        var alice = await db.UserAsync("alice");
        var bob = await db.UserAsync("bob");
        var a = await db.ImageAsync(alice.Id);
        var b = await db.ImageAsync(bob.Id);
        await db.ColorizationAsync(a, ModelKind.AutoEncoder);
        await db.ColorizationAsync(a, ModelKind.Pix2Pix);
        await db.ColorizationAsync(b, ModelKind.Pix2Pix);

        (await db.Ratings.UpsertAsync(alice.Id, a.Id, ModelKind.Pix2Pix, 2, T0, None)).Should().BeTrue();
        (await db.Ratings.UpsertAsync(alice.Id, a.Id, ModelKind.Pix2Pix, 5, T0.AddMinutes(1), None)).Should().BeTrue("a second rating replaces the first");
        (await db.Ratings.UpsertAsync(alice.Id, a.Id, ModelKind.AutoEncoder, 1, T0, None)).Should().BeTrue();
        (await db.Ratings.UpsertAsync(bob.Id, b.Id, ModelKind.Pix2Pix, 4, T0, None)).Should().BeTrue();

        (await db.Ratings.GetAsync(alice.Id, a.Id, ModelKind.Pix2Pix, None)).Should().Be(5);
        (await db.Ratings.SummarizeByModelAsync(None)).Should().Equal(
            new RatingSummary(ModelKind.AutoEncoder, 1, 1), new RatingSummary(ModelKind.Pix2Pix, 4.5, 2));
    }

    [TestCaseSource(typeof(MetadataBackend), nameof(MetadataBackend.All))]
    public async Task A_rating_needs_an_existing_colorization_and_one_to_five_stars(MetadataBackend backend)
    {
        await using var db = await backend.CreateAsync();
        var alice = await db.UserAsync("alice");
        var image = await db.ImageAsync(alice.Id);
        await db.ColorizationAsync(image, ModelKind.AutoEncoder);

        (await db.Ratings.UpsertAsync(alice.Id, image.Id, ModelKind.Pix2Pix, 3, T0, None)).Should().BeFalse("pix2pix never ran on it");
        foreach (var stars in new[] { 0, 6 })
        {
            var rate = () => db.Ratings.UpsertAsync(alice.Id, image.Id, ModelKind.AutoEncoder, stars, T0, None);
            await rate.Should().ThrowAsync<ArgumentOutOfRangeException>();
        }
        (await db.Ratings.SummarizeByModelAsync(None)).Should().BeEmpty();
    }
}
