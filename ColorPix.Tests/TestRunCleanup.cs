using ColorPix.Tests.Api.Infrastructure;

/// <summary>Cleans up, after the last test of the whole run, what tests of several namespaces share: the tiny
/// checkpoints every test server loads (the API, lifecycle and monitoring tests all start servers).</summary>
[SetUpFixture]
public sealed class TestRunCleanup
{
    [OneTimeTearDown]
    public void DeleteSharedCheckpoints() => TestCheckpoints.Delete();
}
