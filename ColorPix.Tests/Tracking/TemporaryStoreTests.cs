using ColorPix.Training.Tracking;

namespace ColorPix.Tests.Tracking;

/// <summary>Base for tests that each get a fresh mlruns folder, removed afterwards.</summary>
public abstract class TemporaryStoreTests
{
    protected string Root { get; private set; } = "";
    protected MlflowFileStore Store { get; private set; } = null!;

    [SetUp]
    public void CreateStore()
    {
        Root = Path.Combine(Path.GetTempPath(), $"colorpix-mlruns-{Guid.NewGuid():N}");
        Store = new MlflowFileStore(Root);
    }

    [TearDown]
    public void DeleteStore()
    {
        if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true);
    }

    protected static string[] MetaLines(string directory) => File.ReadAllLines(Path.Combine(directory, "meta.yaml"));

    protected static string[] Keys(string[] metaLines) => metaLines.Select(line => line[..line.IndexOf(':')]).ToArray();
}
