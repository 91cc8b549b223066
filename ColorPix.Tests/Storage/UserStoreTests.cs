using System.Text.Json;
using ColorPix.Core.Models;
using ColorPix.Web.Storage.Metadata;
using static ColorPix.Tests.Storage.StorageTestData;

namespace ColorPix.Tests.Storage;

public class UserStoreTests
{
    [TestCaseSource(typeof(MetadataBackend), nameof(MetadataBackend.All))]
    public async Task A_created_user_reads_back_by_id_and_by_username_in_any_case(MetadataBackend backend)
    {
        await using var db = await backend.CreateAsync();
        var created = await db.Users.CreateAsync(new NewUser("Alice", "hash-a", false, T0, ModelKind.Pix2Pix, DefaultConsent: true), None);

        created.Should().Be(new UserAccount(created.Id, "Alice", "hash-a", false, ModelKind.Pix2Pix, true, T0));
        (await db.Users.FindByIdAsync(created.Id, None)).Should().Be(created);
        (await db.Users.FindByUsernameAsync("aLICE", None)).Should().Be(created);
        (await db.Users.FindByUsernameAsync("bob", None)).Should().BeNull();
        (await db.Users.FindByIdAsync(created.Id + 1000, None)).Should().BeNull();
    }

    [TestCaseSource(typeof(MetadataBackend), nameof(MetadataBackend.All))]
    public async Task A_username_taken_in_another_case_is_refused(MetadataBackend backend)
    {
        await using var db = await backend.CreateAsync();
        await db.UserAsync("Alice");

        var again = () => db.UserAsync("ALICE");

        (await again.Should().ThrowAsync<DuplicateUsernameException>()).Which.Username.Should().Be("ALICE");
        (await db.Users.ListAsync(UserListScope.All, None)).Should().ContainSingle();
    }

    [TestCaseSource(typeof(MetadataBackend), nameof(MetadataBackend.All))]
    public async Task The_user_list_for_responses_leaves_out_administrators_and_hashes(MetadataBackend backend)
    {
        await using var db = await backend.CreateAsync();
        var admin = await db.UserAsync("root", admin: true);
        var alice = await db.UserAsync("alice");
        var bob = await db.UserAsync("bob");

        var nonAdmins = await db.Users.ListAsync(UserListScope.NonAdmins, None);
        var all = await db.Users.ListAsync(UserListScope.All, None);

        nonAdmins.Select(u => u.Id).Should().Equal(alice.Id, bob.Id);
        all.Select(u => u.Id).Should().Equal(admin.Id, alice.Id, bob.Id);
        typeof(UserSummary).GetProperties().Select(p => p.Name).Should().NotContain(n => n.Contains("Hash"));
        JsonSerializer.Serialize(alice).Should().NotContain("hash-of-alice").And.Contain("\"Username\":\"alice\"");
        alice.ToString().Should().NotContain("hash-of-alice");
    }

    [TestCaseSource(typeof(MetadataBackend), nameof(MetadataBackend.All))]
    public async Task Updates_change_the_hash_preference_consent_and_role_and_report_a_missing_user(MetadataBackend backend)
    {
        await using var db = await backend.CreateAsync();
        var alice = await db.UserAsync("alice");
        await db.UserAsync("root", admin: true);

        (await db.Users.UpdatePasswordHashAsync(alice.Id, "new-hash", None)).Should().BeTrue();
        (await db.Users.SetPreferredModelAsync(alice.Id, ModelKind.AutoEncoder, None)).Should().BeTrue();
        (await db.Users.SetDefaultConsentAsync(alice.Id, true, None)).Should().BeTrue();
        (await db.Users.SetAdminAsync(alice.Id, true, None)).Should().BeTrue();

        var updated = await db.Users.FindByIdAsync(alice.Id, None);
        updated.Should().Be(alice with { PasswordHash = "new-hash", PreferredModel = ModelKind.AutoEncoder, DefaultConsent = true, IsAdmin = true });
        (await db.Users.CountAdminsAsync(None)).Should().Be(2);
        (await db.Users.SetPreferredModelAsync(alice.Id, null, None)).Should().BeTrue();
        (await db.Users.FindByIdAsync(alice.Id, None))!.PreferredModel.Should().BeNull();
        (await db.Users.UpdatePasswordHashAsync(alice.Id + 1000, "x", None)).Should().BeFalse();
        (await db.Users.SetAdminAsync(alice.Id + 1000, true, None)).Should().BeFalse();
    }

    [TestCaseSource(typeof(MetadataBackend), nameof(MetadataBackend.All))]
    public async Task Deleting_a_user_removes_their_rows_only_and_returns_every_object_key(MetadataBackend backend)
    {
        await using var db = await backend.CreateAsync();
        var alice = await db.UserAsync("alice");
        var bob = await db.UserAsync("bob");
        var first = await db.ImageAsync(alice.Id);
        var second = await db.ImageAsync(alice.Id, consent: true);
        var colorizations = new[]
        {
            await db.ColorizationAsync(first, ModelKind.AutoEncoder), await db.ColorizationAsync(first, ModelKind.Pix2Pix),
            await db.ColorizationAsync(second, ModelKind.Pix2Pix),
        };
        await db.Ratings.UpsertAsync(alice.Id, first.Id, ModelKind.Pix2Pix, 4, T0, None);
        var bobs = await db.ImageAsync(bob.Id, consent: true);
        var bobsColorization = await db.ColorizationAsync(bobs, ModelKind.Pix2Pix);
        await db.Ratings.UpsertAsync(bob.Id, bobs.Id, ModelKind.Pix2Pix, 2, T0, None);

        var deleted = await db.Users.DeleteAsync(alice.Id, None);

        deleted!.Keys.Should().BeEquivalentTo(KeysOf(first, colorizations[..2]).Concat(KeysOf(second, colorizations[2])));
        deleted.Keys.Should().HaveCount(10);
        (await db.Users.FindByIdAsync(alice.Id, None)).Should().BeNull();
        (await db.Images.GetForOwnerAsync(alice.Id, first.Id, None)).Should().BeNull();
        (await db.Ratings.SummarizeByModelAsync(None)).Should().Equal(new RatingSummary(ModelKind.Pix2Pix, 2, 1));
        (await db.References.ListReferencedKeysAsync(None)).Should().BeEquivalentTo(KeysOf(bobs, bobsColorization));
        (await db.Users.DeleteAsync(alice.Id, None)).Should().BeNull("a second delete finds nobody");
    }
}
