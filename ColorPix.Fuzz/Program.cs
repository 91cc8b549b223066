using System.Runtime.ExceptionServices;
using ColorPix.Core.Data;
using ColorPix.Fuzz;
using SharpFuzz;

// dotnet ColorPix.Fuzz.dll TARGET                    under afl-fuzz (scripts/fuzz.sh): findings are reported as crashes
// dotnet ColorPix.Fuzz.dll replay TARGET [FOLDER...]  each file in-process (default: the target's corpus); exit 1 on a finding
// dotnet ColorPix.Fuzz.dll list                      the targets' names
switch (args)
{
    case ["list"]:
        foreach (var t in FuzzTargets.All) Console.WriteLine(t.Name);
        return 0;
    case ["replay", var name, .. var folders] when FuzzTargets.Find(name) is { } target:
        var outcomes = (folders.Length > 0 ? folders : [FuzzTargets.CorpusFolder(RepoPaths.FindRoot(), target)])
            .SelectMany(folder => Replay.Folder(target, folder)).ToList();
        var findings = outcomes.Findings();
        foreach (var finding in findings) Console.WriteLine($"{finding}\n{finding.Failure!.StackTrace}");
        // The slowest inputs: what makes the corpus slow to replay, or an input on its way to a hang.
        Console.WriteLine("slowest: " + string.Join(", ", outcomes.OrderByDescending(o => o.Elapsed).Take(5)));
        Console.WriteLine($"{target.Name}: {outcomes.Count} input(s) in {outcomes.Sum(o => o.Elapsed.TotalSeconds):F1} s, {findings.Count} finding(s)");
        return findings.Count == 0 ? 0 : 1;
    case [var name] when FuzzTargets.Find(name) is { } target:
        // A child process runs the inputs, so a native crash or a hang costs a restart, not the whole run.
        Fuzzer.OutOfProcess.Run(stream =>
        {
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            if (Replay.Check(target, buffer.GetBuffer().AsSpan(0, (int)buffer.Length)) is { } finding)
                ExceptionDispatchInfo.Throw(finding);
        });
        return 0;
    default:
        Console.Error.WriteLine($"usage: ColorPix.Fuzz TARGET | replay TARGET [FOLDER...] | list   (targets: {FuzzTargets.Names})");
        return 2;
}
