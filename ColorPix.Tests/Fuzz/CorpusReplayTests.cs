using ColorPix.Core.Data;
using ColorPix.Fuzz;

namespace ColorPix.Tests.Fuzz;

/// <summary>CI's share of the fuzzing: every input AFL kept, and every crash it once found, goes through its target again
/// (uninstrumented, in this process) and must be accepted or refused, never fail otherwise.</summary>
public class CorpusReplayTests
{
    private static IEnumerable<string> TargetNames => FuzzTargets.All.Select(t => t.Name);

    [TestCaseSource(nameof(TargetNames))]
    public void Every_corpus_file_is_accepted_or_refused_with_the_typed_refusal(string name)
    {
        var target = FuzzTargets.Find(name)!;
        var folder = FuzzTargets.CorpusFolder(RepoPaths.FindRoot(TestContext.CurrentContext.TestDirectory), target);
        Directory.EnumerateFiles(folder).Should().NotBeEmpty("{0} needs seeds for AFL to start from", name);

        var findings = Replay.Folder(target, folder).Findings();

        findings.Should().BeEmpty("each of these inputs made {0} fail other than by refusing it:\n{1}", name, string.Join("\n", findings));
    }
}
