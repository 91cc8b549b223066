using static ColorPix.Tests.Storage.StorageTestData;

namespace ColorPix.Tests.Storage;

/// <summary>What replicas share through the database (migration 5): secrets, and rate-limit counts.</summary>
public class SharedStateStoreTests
{
    [TestCaseSource(typeof(MetadataBackend), nameof(MetadataBackend.All))]
    public async Task Replicas_racing_to_create_a_secret_all_read_the_same_one(MetadataBackend backend)
    {
        await using var db = await backend.CreateAsync();

        var read = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => db.Secrets.GetOrAddAsync("auth/signing-key", $"candidate-{i}", T0, None)));
        var later = await db.Secrets.GetOrAddAsync("auth/signing-key", "a later candidate", T0.AddDays(1), None);

        read.Distinct().Should().ContainSingle().Which.Should().StartWith("candidate-");
        later.Should().Be(read[0]);
    }

    [TestCaseSource(typeof(MetadataBackend), nameof(MetadataBackend.All))]
    public async Task Secrets_are_listed_by_exact_prefix_oldest_first(MetadataBackend backend)
    {
        await using var db = await backend.CreateAsync();
        await db.Secrets.GetOrAddAsync("ring/key-2", "second", T0.AddHours(1), None);
        await db.Secrets.GetOrAddAsync("ring/key-1", "first", T0, None);
        await db.Secrets.GetOrAddAsync("rings/other", "not in the ring", T0, None);
        await db.Secrets.GetOrAddAsync("ringXkey", "matches ring_ as a LIKE pattern", T0, None);

        (await db.Secrets.ListAsync("ring/", None)).Should().Equal("first", "second");
        (await db.Secrets.ListAsync("ring_", None)).Should().BeEmpty();
    }

    [TestCaseSource(typeof(MetadataBackend), nameof(MetadataBackend.All))]
    public async Task Concurrent_hits_are_each_counted_once_per_bucket_and_window(MetadataBackend backend)
    {
        await using var db = await backend.CreateAsync();

        var counts = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => db.RateLimits.HitAsync("user:7", 600, None)));
        var otherBucket = await db.RateLimits.HitAsync("user:8", 600, None);
        var nextWindow = await db.RateLimits.HitAsync("user:7", 660, None);

        counts.Order().Should().Equal(Enumerable.Range(1, 20).Select(i => (long)i));
        (otherBucket, nextWindow).Should().Be((1L, 1L));
    }

    [TestCaseSource(typeof(MetadataBackend), nameof(MetadataBackend.All))]
    public async Task Pruning_deletes_only_the_windows_that_started_before_the_cut(MetadataBackend backend)
    {
        await using var db = await backend.CreateAsync();
        foreach (var start in new long[] { 0, 60, 120 }) await db.RateLimits.HitAsync("login:127.0.0.1", start, None);

        var pruned = await db.RateLimits.PruneAsync(120, None);

        pruned.Should().Be(2);
        (await db.RateLimits.HitAsync("login:127.0.0.1", 120, None)).Should().Be(2, "the window at the cut is kept");
        (await db.RateLimits.HitAsync("login:127.0.0.1", 60, None)).Should().Be(1, "an earlier window was deleted");
    }
}
