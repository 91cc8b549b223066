using ColorPix.Core.Models;
using ColorPix.Web.Storage.Metadata;
using static ColorPix.Tests.Storage.StorageTestData;

namespace ColorPix.Tests.Storage;

public class ModelRegistryTests
{
    [TestCaseSource(typeof(MetadataBackend), nameof(MetadataBackend.All))]
    public async Task Registering_a_version_again_updates_its_path_and_metrics_in_the_same_row(MetadataBackend backend)
    {
        await using var db = await backend.CreateAsync();
        var first = await db.Models.UpsertAsync(new ModelRegistration(ModelKind.Pix2Pix, "2026-03-01", "a.safetensors", """{"mse":0.01}""", T0), None);

        var second = await db.Models.UpsertAsync(new ModelRegistration(ModelKind.Pix2Pix, "2026-03-01", "b.safetensors", """{"mse":0.005}""", T0.AddDays(1)), None);

        second.Should().Be(first with { Path = "b.safetensors", MetricsJson = """{"mse":0.005}""" });
        (await db.Models.ListAsync(None)).Should().Equal(second);
        var notJson = () => db.Models.UpsertAsync(new ModelRegistration(ModelKind.Pix2Pix, "x", "p", "[1]", T0), None);
        await notJson.Should().ThrowAsync<ArgumentException>();
    }

    [TestCaseSource(typeof(MetadataBackend), nameof(MetadataBackend.All))]
    public async Task One_version_per_kind_is_champion_and_the_previous_one_retires(MetadataBackend backend)
    {
        await using var db = await backend.CreateAsync();
        foreach (var (kind, version, day) in new[] { (ModelKind.Pix2Pix, "v1", 1), (ModelKind.Pix2Pix, "v2", 2), (ModelKind.AutoEncoder, "v1", 3) })
            await db.Models.UpsertAsync(new ModelRegistration(kind, version, $"{kind}-{version}", "{}", T0.AddDays(day)), None);

        (await db.Models.SetChampionAsync(ModelKind.Pix2Pix, "v1", T0, None)).Should().BeTrue();
        (await db.Models.SetChampionAsync(ModelKind.AutoEncoder, "v1", T0, None)).Should().BeTrue();
        (await db.Models.SetChampionAsync(ModelKind.Pix2Pix, "v2", T0.AddHours(1), None)).Should().BeTrue();
        (await db.Models.SetChampionAsync(ModelKind.Pix2Pix, "v9", T0, None)).Should().BeFalse();
        (await db.Models.SetChampionAsync(ModelKind.Pix2Pix, "v1", T0, None, onlyIfNone: true)).Should().BeFalse();

        var listed = await db.Models.ListAsync(None);
        listed.Select(m => (m.Kind, m.Version, m.Status)).Should().Equal(
            (ModelKind.AutoEncoder, "v1", VersionStatus.Champion), (ModelKind.Pix2Pix, "v2", VersionStatus.Champion), (ModelKind.Pix2Pix, "v1", VersionStatus.Retired));
        var champion = (await db.Models.GetChampionAsync(ModelKind.Pix2Pix, None))!;
        (champion.Version, champion.ChampionSince).Should().Be(("v2", T0.AddHours(1)));
    }

    [TestCaseSource(typeof(MetadataBackend), nameof(MetadataBackend.All))]
    public async Task A_kind_without_champion_gets_one_only_once_and_the_champion_cannot_be_demoted_by_status(MetadataBackend backend)
    {
        await using var db = await backend.CreateAsync();
        foreach (var version in new[] { "v1", "v2" })
            await db.Models.UpsertAsync(new ModelRegistration(ModelKind.AutoEncoder, version, version, "{}", T0) { CheckpointKey = $"models/autoencoder/{version}.safetensors" }, None);

        (await db.Models.SetChampionAsync(ModelKind.AutoEncoder, "v1", T0, None, onlyIfNone: true)).Should().BeTrue();
        (await db.Models.SetChampionAsync(ModelKind.AutoEncoder, "v2", T0, None, onlyIfNone: true)).Should().BeFalse();
        (await db.Models.SetStatusAsync(ModelKind.AutoEncoder, "v1", VersionStatus.Rejected, None)).Should().BeFalse();
        (await db.Models.SetStatusAsync(ModelKind.AutoEncoder, "v2", VersionStatus.Rejected, None)).Should().BeTrue();

        (await db.Models.GetChampionAsync(ModelKind.AutoEncoder, None))!.Version.Should().Be("v1");
        var v2 = (await db.Models.GetAsync(ModelKind.AutoEncoder, "v2", None))!;
        (v2.Status, v2.CheckpointKey).Should().Be((VersionStatus.Rejected, "models/autoencoder/v2.safetensors"));
    }
}
