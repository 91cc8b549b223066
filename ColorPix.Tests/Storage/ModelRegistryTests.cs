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
    public async Task One_version_per_kind_is_active(MetadataBackend backend)
    {
        await using var db = await backend.CreateAsync();
        foreach (var (kind, version, day) in new[] { (ModelKind.Pix2Pix, "v1", 1), (ModelKind.Pix2Pix, "v2", 2), (ModelKind.AutoEncoder, "v1", 3) })
            await db.Models.UpsertAsync(new ModelRegistration(kind, version, $"{kind}-{version}", "{}", T0.AddDays(day)), None);

        (await db.Models.SetActiveAsync(ModelKind.Pix2Pix, "v1", None)).Should().BeTrue();
        (await db.Models.SetActiveAsync(ModelKind.AutoEncoder, "v1", None)).Should().BeTrue();
        (await db.Models.SetActiveAsync(ModelKind.Pix2Pix, "v2", None)).Should().BeTrue();
        (await db.Models.SetActiveAsync(ModelKind.Pix2Pix, "v9", None)).Should().BeFalse();

        var listed = await db.Models.ListAsync(None);
        listed.Select(m => (m.Kind, m.Version, m.IsActive)).Should().Equal(
            (ModelKind.AutoEncoder, "v1", true), (ModelKind.Pix2Pix, "v2", true), (ModelKind.Pix2Pix, "v1", false));
        (await db.Models.GetActiveAsync(ModelKind.Pix2Pix, None))!.Version.Should().Be("v2");
    }
}
