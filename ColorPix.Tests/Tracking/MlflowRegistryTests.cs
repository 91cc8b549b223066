using ColorPix.Training.Tracking;

namespace ColorPix.Tests.Tracking;

public class MlflowRegistryTests : TemporaryStoreTests
{
    [Test]
    public void Registering_writes_the_model_and_numbered_version_meta_files()
    {
        var runId = new string('b', 32);
        Store.RegisterModelVersion("colorizer", "file:///models/a", runId).Should().Be(1);
        Store.RegisterModelVersion("colorizer", "file:///models/b", runId).Should().Be(2);

        var model = Path.Combine(Root, "models", "colorizer");
        Keys(MetaLines(model)).Should().Equal("creation_timestamp", "description", "last_updated_timestamp", "name");
        MetaLines(model).Should().Contain("name: colorizer");
        var version = MetaLines(Path.Combine(model, "version-2"));
        Keys(version).Should().Equal("aliases", "creation_timestamp", "current_stage", "description", "last_updated_timestamp",
            "name", "run_id", "run_link", "source", "status", "status_message", "storage_location", "user_id", "version");
        version.Should().Contain(["aliases: []", "current_stage: None", "name: colorizer", $"run_id: {runId}",
            "source: file:///models/b", "status: READY", "storage_location: file:///models/b", "version: 2"]);
    }

    [Test]
    public void An_alias_file_holds_the_version_number()
    {
        Store.RegisterModelVersion("colorizer", "file:///models/a", null);
        Store.RegisterModelVersion("colorizer", "file:///models/b", null);

        Store.SetAlias("colorizer", "champion", 1);
        Store.SetAlias("colorizer", "champion", 2);

        File.ReadAllText(Path.Combine(Root, "models", "colorizer", "aliases", "champion")).Should().Be("2");
        Store.GetAliasVersion("colorizer", "champion").Should().Be(2);
        Store.GetAliasVersion("colorizer", "challenger").Should().BeNull();
    }

    [TestCase("latest")]
    [TestCase("v3")]
    [TestCase("has space")]
    public void Reserved_or_malformed_aliases_are_refused(string alias)
    {
        Store.RegisterModelVersion("colorizer", "file:///models/a", null);

        FluentActions.Invoking(() => Store.SetAlias("colorizer", alias, 1)).Should().Throw<ArgumentException>();
    }

    [Test]
    public void Aliases_must_point_at_an_existing_version_and_names_may_not_be_paths()
    {
        Store.RegisterModelVersion("colorizer", "file:///models/a", null);

        FluentActions.Invoking(() => Store.SetAlias("colorizer", "champion", 7)).Should().Throw<InvalidOperationException>();
        FluentActions.Invoking(() => Store.RegisterModelVersion("../escape", "file:///x", null)).Should().Throw<ArgumentException>();
    }
}
