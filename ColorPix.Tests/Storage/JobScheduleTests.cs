using static ColorPix.Tests.Storage.StorageTestData;

namespace ColorPix.Tests.Storage;

public class JobScheduleTests
{
    [TestCaseSource(typeof(MetadataBackend), nameof(MetadataBackend.All))]
    public async Task A_due_job_is_claimed_by_one_caller_and_not_again_before_its_next_time(MetadataBackend backend)
    {
        await using var db = await backend.CreateAsync();
        var day = TimeSpan.FromDays(1);

        var claims = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => db.Jobs.TryClaimAsync("selection", T0, T0 + day, None)));
        var early = await db.Jobs.TryClaimAsync("selection", T0.AddHours(23), T0.AddHours(23) + day, None);
        var due = await db.Jobs.TryClaimAsync("selection", T0 + day, T0 + 2 * day, None);

        claims.Count(c => c).Should().Be(1, "replicas starting together run the first selection once");
        (early, due).Should().Be((false, true));
        (await db.Jobs.NextRunAsync("selection", None)).Should().Be(T0 + 2 * day);
        (await db.Jobs.NextRunAsync("other", None)).Should().BeNull();
    }
}
