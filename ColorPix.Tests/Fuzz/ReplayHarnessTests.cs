using ColorPix.Core.Imaging;
using ColorPix.Fuzz;

namespace ColorPix.Tests.Fuzz;

/// <summary>The replay that CI relies on can fail: a wrong exception is reported with the file it came from, a refusal is not.</summary>
public class ReplayHarnessTests
{
    /// <summary>Refuses inputs starting with 'R' as the image decoders do, and fails on 'X' as a bug would.</summary>
    private sealed class BrokenTarget : IFuzzTarget
    {
        public string Name => "broken";

        public void Run(ReadOnlySpan<byte> input)
        {
            if (input is [(byte)'R', ..]) throw new CorruptImageException("refused");
            if (input is [(byte)'X', ..]) throw new IndexOutOfRangeException("read past the header");
        }

        public bool IsRefusal(Exception exception) => exception is ImageFormatException;
    }

    private string folder = "";

    [SetUp]
    public void CreateFolder() => Directory.CreateDirectory(folder = Path.Combine(Path.GetTempPath(), $"cpx-fuzz-{Guid.NewGuid():N}"));

    [TearDown]
    public void DeleteFolder() => Directory.Delete(folder, recursive: true);

    [Test]
    public void An_unexpected_exception_is_a_finding_that_names_its_file()
    {
        File.WriteAllText(Path.Combine(folder, "accepted"), "fine");
        File.WriteAllText(Path.Combine(folder, "refused"), "R: a bad header");
        File.WriteAllText(Path.Combine(folder, "crash-1"), "X: a crafted header");

        var outcomes = Replay.Folder(new BrokenTarget(), folder);
        var findings = outcomes.Findings();

        outcomes.Select(o => Path.GetFileName(o.File)).Should().Equal("accepted", "crash-1", "refused");
        findings.Should().ContainSingle();
        findings[0].Failure.Should().BeOfType<IndexOutOfRangeException>();
        findings[0].ToString().Should().Be("crash-1: System.IndexOutOfRangeException: read past the header");
    }

    [Test]
    public void Every_target_refuses_garbage_with_its_typed_refusal_only()
    {
        foreach (var target in FuzzTargets.All)
        {
            Replay.Check(target, "not an image, nor a checkpoint"u8).Should().BeNull(target.Name);
            target.IsRefusal(new IndexOutOfRangeException()).Should().BeFalse(target.Name);
            target.IsRefusal(new ArgumentException()).Should().BeFalse(target.Name);
        }
    }

    [Test]
    public void Target_names_are_unique_and_name_their_corpus_folders()
    {
        FuzzTargets.All.Select(t => t.Name).Should().OnlyHaveUniqueItems();
        FuzzTargets.CorpusFolder("/repo", FuzzTargets.Find("decode")!).Should().Be("/repo/ColorPix.Fuzz/corpus/decode");
    }
}
