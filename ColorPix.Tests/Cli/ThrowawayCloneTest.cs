using ColorPix.Tests.Data;
using ColorPix.Web.Cli;

namespace ColorPix.Tests.Cli;

/// <summary>A CLI verb run as an operator runs it, in a throwaway clone (the current directory) with the default
/// configuration: SQLite in data/db/, objects in data/objects/, mlruns/ and checkpoints/ of its own.</summary>
[NonParallelizable]
public abstract class ThrowawayCloneTest
{
    protected PhotoTree Repo { get; private set; } = null!;
    private string previousDirectory = "";

    /// <summary>What the clone holds before each test (nothing by default).</summary>
    protected virtual void Populate(PhotoTree repo) { }

    [SetUp]
    public void EnterRepository()
    {
        Repo = new PhotoTree();
        Populate(Repo);
        previousDirectory = Directory.GetCurrentDirectory();
        Directory.SetCurrentDirectory(Repo.RepoRoot);
    }

    [TearDown]
    public void LeaveRepository()
    {
        Directory.SetCurrentDirectory(previousDirectory);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools(); // pooled handles keep the file open
        Repo.Dispose();
    }

    protected static (int Exit, string Output) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = CliApp.Run(["--threads", "1", .. args], output, error);
        return (exit, output.ToString() + error);
    }
}
