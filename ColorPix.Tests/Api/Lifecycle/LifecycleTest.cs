using ColorPix.Tests.Api.Infrastructure;
using ColorPix.Training.Registry;
using ColorPix.Web.Lifecycle;
using ColorPix.Web.Storage.Metadata;

namespace ColorPix.Tests.Api.Lifecycle;

/// <summary>What the lifecycle tests share: a temp folder for the checkpoints they write, and registering one.</summary>
public abstract class LifecycleTest
{
    protected string Folder { get; private set; } = "";

    [SetUp]
    public void CreateFolder() => Folder = Directory.CreateTempSubdirectory("colorpix-lifecycle-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(Folder, recursive: true);

    /// <summary>Registers a <see cref="LifecycleCheckpoints.AutoEncoder"/> with the server, as `models register` does.</summary>
    protected async Task<ModelRecord> RegisterAsync(ApiServer server, string name, float bias, int seed = 0, int size = 64) =>
        await server.Service<ModelVersions>().RegisterAsync(LifecycleCheckpoints.AutoEncoder(Folder, name, bias, seed, size),
            new RegistrationDetails(TrainingLineage.Unknown), CancellationToken.None);
}
