namespace ColorPix.Tests.Api.Infrastructure;

/// <summary>Polls a condition (a recovery, a sync) with a generous bound: it tells "happens" from "never happens".</summary>
public static class Eventually
{
    public static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (!await condition())
        {
            if (watch.Elapsed > TimeSpan.FromSeconds(30)) Assert.Fail($"timed out waiting until {what}");
            await Task.Delay(200);
        }
    }
}
