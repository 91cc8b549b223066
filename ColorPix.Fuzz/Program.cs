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
        var findings = (folders.Length > 0 ? folders : [FuzzTargets.CorpusFolder(RepoPaths.FindRoot(), target)])
            .SelectMany(folder => Replay.Folder(target, folder)).ToList();
        foreach (var finding in findings) Console.WriteLine($"{finding}\n{finding.Exception.StackTrace}");
        Console.WriteLine($"{target.Name}: {findings.Count} finding(s)");
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
