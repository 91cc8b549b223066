using ColorPix.Core.Inference;

namespace ColorPix.Tests.Inference;

public class MemoryBudgetTests
{
    private const long MB = 1 << 20;

    [Test]
    public async Task Work_within_the_budget_runs_at_once_and_gives_its_memory_back()
    {
        var budget = new MemoryBudget(100 * MB, TimeSpan.FromSeconds(5));
        using (var first = await budget.ReserveAsync(60 * MB))
        using (var second = await budget.ReserveAsync(40 * MB))
            budget.InUse.Should().Be(100 * MB);
        budget.InUse.Should().Be(0);
    }

    [Test]
    public async Task Work_beyond_the_budget_waits_first_come_first_served_until_memory_is_released()
    {
        var budget = new MemoryBudget(100 * MB, TimeSpan.FromSeconds(30));
        var holder = await budget.ReserveAsync(80 * MB);
        var big = budget.ReserveAsync(50 * MB);
        var small = budget.ReserveAsync(10 * MB);   // would fit now, but must not overtake the big one
        await Task.Delay(100);
        (big.IsCompleted, small.IsCompleted, budget.Waiting).Should().Be((false, false, 2));

        holder.Dispose();
        using (await big.WaitAsync(TimeSpan.FromSeconds(5)))
        using (await small.WaitAsync(TimeSpan.FromSeconds(5)))
            budget.InUse.Should().Be(60 * MB);
        budget.InUse.Should().Be(0);
    }

    [Test]
    public async Task Work_that_waits_too_long_is_refused_with_a_retry_after_and_holds_nothing()
    {
        var budget = new MemoryBudget(100 * MB, TimeSpan.FromMilliseconds(200));
        using var holder = await budget.ReserveAsync(100 * MB);
        var refusal = await FluentActions.Awaiting(() => budget.ReserveAsync(10 * MB)).Should().ThrowAsync<MemoryBusyException>();
        refusal.Which.RetryAfterSeconds.Should().Be(1);
        (budget.InUse, budget.Waiting).Should().Be((100 * MB, 0));
    }

    [Test]
    public async Task A_refused_head_of_the_line_lets_the_ones_behind_it_in()
    {
        var budget = new MemoryBudget(100 * MB, TimeSpan.FromMilliseconds(300));
        var holder = await budget.ReserveAsync(70 * MB);
        var big = budget.ReserveAsync(50 * MB);           // cannot fit while the holder holds
        await Task.Delay(50);
        var small = budget.ReserveAsync(20 * MB);         // fits, but waits behind big
        await FluentActions.Awaiting(() => big).Should().ThrowAsync<MemoryBusyException>();
        using (await small.WaitAsync(TimeSpan.FromSeconds(5))) budget.InUse.Should().Be(90 * MB);
        holder.Dispose();
    }

    [Test]
    public async Task One_image_larger_than_the_whole_budget_still_runs_alone()
    {
        var budget = new MemoryBudget(100 * MB, TimeSpan.FromSeconds(5));
        using var huge = await budget.ReserveAsync(500 * MB);
        huge.Bytes.Should().Be(100 * MB);
        var next = budget.ReserveAsync(1 * MB);
        await Task.Delay(50);
        next.IsCompleted.Should().BeFalse("the huge one holds the whole budget");
        huge.Dispose();
        using (await next.WaitAsync(TimeSpan.FromSeconds(5))) budget.InUse.Should().Be(1 * MB);
    }

    [Test]
    public async Task A_cancelled_caller_stops_waiting_with_a_cancellation_not_a_refusal()
    {
        var budget = new MemoryBudget(100 * MB, TimeSpan.FromSeconds(30));
        using var holder = await budget.ReserveAsync(100 * MB);
        using var cancel = new CancellationTokenSource(100);
        await FluentActions.Awaiting(() => budget.ReserveAsync(10 * MB, cancel.Token)).Should().ThrowAsync<OperationCanceledException>();
        budget.Waiting.Should().Be(0);
    }

    [Test]
    public void A_40_megapixel_colorization_by_both_models_is_estimated_from_its_8_bit_images()
    {
        // source + 2 x (result + its PNG), 4 bytes a pixel each
        MemoryBudget.Estimate(40_000_000, models: 2).Should().Be(40_000_000L * 4 * 5);
        MemoryBudget.Estimate(40_000_000, models: 0).Should().Be(160_000_000);
    }
}
