using ColorPix.Training.Tracking;

namespace ColorPix.Tests.Tracking;

public class FlatYamlTests
{
    [Test]
    public void Writing_sorts_keys_and_quotes_only_what_yaml_would_misread()
    {
        var yaml = FlatYaml.Write(new Dictionary<string, object?>
        {
            ["name"] = "Default", ["id"] = "0", ["flag"] = "true", ["empty"] = "", ["none"] = null,
            ["count"] = 42L, ["quote"] = "it's: here", ["list"] = FlatYaml.EmptyList, ["uri"] = "file:///tmp/mlruns/0",
        });

        yaml.Should().Be("count: 42\nempty: ''\nflag: 'true'\nid: '0'\nlist: []\nname: Default\nnone: null\n" +
                         "quote: 'it''s: here'\nuri: file:///tmp/mlruns/0\n");
    }

    public static IEnumerable<string> TrickyStrings() =>
        ["123", "1e5", "yes", "Null", "~", "a: b", "x #y", "it's", " padded ", "two\nlines", "tab\there", "ünïcode", "-dash", "[list]", "{map}", "*alias", "%pct"];

    [TestCaseSource(nameof(TrickyStrings))]
    public void Strings_round_trip(string value)
    {
        FlatYaml.Read(FlatYaml.Write(new Dictionary<string, object?> { ["key"] = value }))["key"].Should().Be(value);
    }

    [Test]
    public void Reading_accepts_pyyaml_folded_long_values_and_nulls()
    {
        const string written = "artifact_uri: file:///work/mlruns/0/abc/artifacts\nend_time: null\n" +
                               "run_name: a very long run name that PyYAML folds onto the next line because\n" +
                               "  it is longer than eighty characters\nstatus: 3\ntags: []\n";

        var meta = FlatYaml.Read(written);

        meta["run_name"].Should().Be("a very long run name that PyYAML folds onto the next line because it is longer than eighty characters");
        meta["end_time"].Should().BeNull();
        meta["status"].Should().Be("3");
        meta["tags"].Should().Be("[]");
        meta["artifact_uri"].Should().Be("file:///work/mlruns/0/abc/artifacts");
    }
}
