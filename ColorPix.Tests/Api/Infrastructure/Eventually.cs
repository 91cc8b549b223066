namespace ColorPix.Tests.Api.Infrastructure;

/// <summary>Polls a condition (a recovery, a sync) with a generous bound: it tells "happens" from "never happens".</summary>
public static class Eventually
{
    /// <param name="state">What to add to the failure: the state that was seen instead.</param>
    public static async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null, Func<Task<string>>? state = null)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (!await condition())
        {
            if (watch.Elapsed > (timeout ?? TimeSpan.FromSeconds(30)))
                Assert.Fail($"timed out waiting until {what}" + (state is null ? "" : $"; {await state()}"));
            await Task.Delay(200);
        }
    }
}
