using ColorPix.Core.Models;
using static ColorPix.Tests.Storage.StorageTestData;

namespace ColorPix.Tests.Storage;

public class ImageStoreTests
{
    [TestCaseSource(typeof(MetadataBackend), nameof(MetadataBackend.All))]
    public async Task An_added_image_reads_back_equal_for_its_owner(MetadataBackend backend)
    {
        await using var db = await backend.CreateAsync();
        var alice = await db.UserAsync("alice");
        var image = Image(alice.Id, consent: true);

        await db.Images.AddAsync(image, None);

        (await db.Images.GetForOwnerAsync(alice.Id, image.Id, None)).Should().Be(image);
    }

    [TestCaseSource(typeof(MetadataBackend), nameof(MetadataBackend.All))]
    public async Task Another_users_image_id_is_indistinguishable_from_a_missing_one(MetadataBackend backend)
    {
        await using var db = await backend.CreateAsync();
        var alice = await db.UserAsync("alice");
        var mallory = await db.UserAsync("mallory");
        var image = await db.ImageAsync(alice.Id);
        await db.ColorizationAsync(image, ModelKind.Pix2Pix);
        var missing = Guid.NewGuid();

        foreach (var id in new[] { image.Id, missing })
        {
            (await db.Images.GetForOwnerAsync(mallory.Id, id, None)).Should().BeNull();
            (await db.Images.SetConsentAsync(mallory.Id, id, true, T0, None)).Should().BeFalse();
            (await db.Images.DeleteAsync(mallory.Id, id, None)).Should().BeNull();
            (await db.Colorizations.ListForImageAsync(mallory.Id, id, None)).Should().BeEmpty();
            (await db.Colorizations.GetAsync(mallory.Id, id, ModelKind.Pix2Pix, None)).Should().BeNull();
            (await db.Ratings.UpsertAsync(mallory.Id, id, ModelKind.Pix2Pix, 1, T0, None)).Should().BeFalse();
        }
        (await db.Images.GetForOwnerAsync(alice.Id, image.Id, None)).Should().Be(image, "the stranger changed nothing");
        (await db.Ratings.SummarizeByModelAsync(None)).Should().BeEmpty();
    }

    [TestCaseSource(typeof(MetadataBackend), nameof(MetadataBackend.All))]
    public async Task Pages_list_the_owners_images_newest_first_with_the_total(MetadataBackend backend)
    {
        await using var db = await backend.CreateAsync();
        var alice = await db.UserAsync("alice");
        var bob = await db.UserAsync("bob");
        var images = new List<ColorPix.Web.Storage.Metadata.ImageRecord>();
        for (var minute = 0; minute < 5; minute++) images.Add(await db.ImageAsync(alice.Id, minute: minute));
        await db.ImageAsync(bob.Id, minute: 10);

        var first = await db.Images.ListForOwnerAsync(alice.Id, 0, 2, None);
        var last = await db.Images.ListForOwnerAsync(alice.Id, 4, 2, None);
        var beyond = await db.Images.ListForOwnerAsync(alice.Id, 10, 2, None);

        first.Items.Should().Equal(images[4], images[3]);
        (first.Total, first.Offset, first.Limit).Should().Be((5, 0, 2));
        last.Items.Should().Equal(images[0]);
        beyond.Items.Should().BeEmpty();
        beyond.Total.Should().Be(5);
        var tooBig = () => db.Images.ListForOwnerAsync(alice.Id, 0, 501, None);
        await tooBig.Should().ThrowAsync<ArgumentOutOfRangeException>();
    }

    [TestCaseSource(typeof(MetadataBackend), nameof(MetadataBackend.All))]
    public async Task Only_consented_images_are_listed_for_training_export(MetadataBackend backend)
    {
        await using var db = await backend.CreateAsync();
        var alice = await db.UserAsync("alice");
        var bob = await db.UserAsync("bob");
        var yes = await db.ImageAsync(alice.Id, consent: true, minute: 1);
        var no = await db.ImageAsync(alice.Id, consent: false, minute: 2);
        var later = await db.ImageAsync(bob.Id, consent: false, minute: 3);
        var withdrawn = await db.ImageAsync(bob.Id, consent: true, minute: 4);

        (await db.Images.SetConsentAsync(bob.Id, later.Id, true, T0.AddHours(1), None)).Should().BeTrue();
        (await db.Images.SetConsentAsync(bob.Id, withdrawn.Id, false, T0.AddHours(1), None)).Should().BeTrue();
        var export = await db.Images.ListConsentedAsync(0, 100, None);

        export.Items.Should().Equal(yes, later with { Consent = true, ConsentChangedAt = T0.AddHours(1) });
        export.Total.Should().Be(2);
        export.Items.Should().NotContain(i => i.Id == no.Id || i.Id == withdrawn.Id);
    }

    [TestCaseSource(typeof(MetadataBackend), nameof(MetadataBackend.All))]
    public async Task The_consent_time_is_the_upload_time_until_the_consent_actually_changes(MetadataBackend backend)
    {
        await using var db = await backend.CreateAsync();
        var alice = await db.UserAsync("alice");
        var image = await db.ImageAsync(alice.Id, consent: true, minute: 5);
        async Task<DateTimeOffset> ConsentTime() => (await db.Images.GetForOwnerAsync(alice.Id, image.Id, None))!.ConsentChangedAt;

        (await ConsentTime()).Should().Be(image.CreatedAt);
        await db.Images.SetConsentAsync(alice.Id, image.Id, true, T0.AddHours(1), None);
        (await ConsentTime()).Should().Be(image.CreatedAt, "consenting again changes nothing");
        await db.Images.SetConsentAsync(alice.Id, image.Id, false, T0.AddHours(2), None);
        (await ConsentTime()).Should().Be(T0.AddHours(2));
        await db.Images.SetConsentAsync(alice.Id, image.Id, false, T0.AddHours(3), None);
        (await ConsentTime()).Should().Be(T0.AddHours(2), "withdrawing twice is one withdrawal");
        await db.Images.SetConsentAsync(alice.Id, image.Id, true, T0.AddHours(4), None);
        (await ConsentTime()).Should().Be(T0.AddHours(4));
    }

    [TestCaseSource(typeof(MetadataBackend), nameof(MetadataBackend.All))]
    public async Task Deleting_an_image_returns_its_keys_and_takes_its_colorizations_and_ratings(MetadataBackend backend)
    {
        await using var db = await backend.CreateAsync();
        var alice = await db.UserAsync("alice");
        var doomed = await db.ImageAsync(alice.Id);
        var kept = await db.ImageAsync(alice.Id);
        var colorization = await db.ColorizationAsync(doomed, ModelKind.AutoEncoder);
        var keptColorization = await db.ColorizationAsync(kept, ModelKind.AutoEncoder);
        await db.Ratings.UpsertAsync(alice.Id, doomed.Id, ModelKind.AutoEncoder, 5, T0, None);

        var deleted = await db.Images.DeleteAsync(alice.Id, doomed.Id, None);

        deleted!.Keys.Should().BeEquivalentTo(KeysOf(doomed, colorization));
        (await db.Colorizations.ListForImageAsync(alice.Id, doomed.Id, None)).Should().BeEmpty();
        (await db.Ratings.GetAsync(alice.Id, doomed.Id, ModelKind.AutoEncoder, None)).Should().BeNull();
        (await db.Ratings.SummarizeByModelAsync(None)).Should().BeEmpty();
        (await db.References.ListReferencedKeysAsync(None)).Should().BeEquivalentTo(KeysOf(kept, keptColorization));
    }
}
