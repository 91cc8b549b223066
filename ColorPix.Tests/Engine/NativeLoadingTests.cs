using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using TorchSharp;

namespace ColorPix.Tests.Engine;

/// <summary>The TorchSharp native runtime as build/TorchRuntime.targets lays it out. The ELF checks use binutils'
/// readelf, not the build task's own parser, so a bug in the task cannot hide itself.</summary>
[TestFixture]
public class NativeLoadingTests
{
    const string Version = "GLIBCXX_3.4.32";
    const string AnchorSymbol = "_ZSt21ios_base_library_initv"; // GCC 13's <iostream> anchor, the one symbol of that version

    [Test]
    public void TorchSharp_loads_and_runs_a_convolution_in_this_process()
    {
        torch.__version__.Should().StartWith("2.10");
        using var scope = torch.NewDisposeScope();
        using var conv = torch.nn.Conv2d(3, 4, 3, padding: 1);
        var output = conv.forward(torch.ones(1, 3, 8, 8));
        output.shape.Should().Equal(1L, 4L, 8L, 8L);
        float.IsFinite(output.sum().item<float>()).Should().BeTrue();

        // The copy these tests inspect is the one the process loaded, not a fallback TorchSharp made elsewhere.
        if (OperatingSystem.IsLinux())
            File.ReadAllText("/proc/self/maps").Should().Contain(OutputLibrary());
    }

    [Test, Platform("Linux")]
    public void The_output_copy_requires_the_version_weakly_if_and_only_if_this_system_lacks_it()
    {
        if (SystemLibStdCxxDefines(Version))
        {
            // Debian 13, Ubuntu 24.04 and later: nothing to fix, so the build must leave the file as shipped.
            VersionNeedLine(OutputLibrary()).Should().Contain("Flags: none");
            CountDifferentBytes(OutputLibrary(), CacheLibrary()).Should().Be(0);
        }
        else
        {
            VersionNeedLine(OutputLibrary()).Should().Contain("Flags: WEAK");
            // One byte (that Vernaux's flags) is all that differs from the shipped file.
            CountDifferentBytes(OutputLibrary(), CacheLibrary()).Should().Be(1);
        }
    }

    [Test, Platform("Linux")]
    public void No_relocation_references_a_symbol_of_that_version()
    {
        var relocations = Readelf("-rW", OutputLibrary());

        relocations.Should().Contain("Relocation section '.rela.dyn'").And.Contain("Relocation section '.rela.plt'");
        relocations.Should().NotContain(AnchorSymbol);
        relocations.Should().NotMatchRegex($@"@{Regex.Escape(Version)}\b");
    }

    [Test, Platform("Linux")]
    public void The_NuGet_cache_copy_is_untouched()
    {
        VersionNeedLine(CacheLibrary()).Should().Contain("Flags: none");
    }

    // "  0x0140:   Name: GLIBCXX_3.4.32  Flags: WEAK  Version: 18" in readelf's .gnu.version_r listing.
    static string VersionNeedLine(string library)
    {
        var needs = Readelf("-V", library);
        needs = needs[needs.IndexOf("Version needs section", StringComparison.Ordinal)..];
        var line = needs.Split('\n').SingleOrDefault(l => Regex.IsMatch(l, $@"Name: {Regex.Escape(Version)}\s"));
        line.Should().NotBeNull($"{library} should require {Version}:\n{needs}");
        return line!;
    }

    // The libstdc++ the loader uses here (ldconfig's), read by readelf: does it define the version?
    static bool SystemLibStdCxxDefines(string version)
    {
        var cache = Run("/sbin/ldconfig", "-p");
        var match = Regex.Match(cache, @"^\s*libstdc\+\+\.so\.6 \([^)]*x86-64[^)]*\) => (\S+)", RegexOptions.Multiline);
        match.Success.Should().BeTrue($"ldconfig -p should list libstdc++.so.6:\n{cache}");
        var definitions = Readelf("-V", match.Groups[1].Value);
        definitions = definitions[definitions.IndexOf("Version definition section", StringComparison.Ordinal)..];
        return Regex.IsMatch(definitions, $@"Name: {Regex.Escape(version)}\s");
    }

    // Next to the test assembly: flat with a RuntimeIdentifier (what the targets set), under runtimes/ without.
    static string OutputLibrary()
    {
        var candidates = new[] { "", "runtimes/linux-x64/native" }
            .Select(dir => Path.Combine(AppContext.BaseDirectory, dir, "libLibTorchSharp.so"));
        var found = candidates.FirstOrDefault(File.Exists);
        found.Should().NotBeNull($"libLibTorchSharp.so should be in {AppContext.BaseDirectory}");
        return Path.GetFullPath(found!);
    }

    // The restored package, found through the package path the test's deps.json records for TorchSharp.
    static string CacheLibrary()
    {
        var depsFile = Path.Combine(AppContext.BaseDirectory, typeof(NativeLoadingTests).Assembly.GetName().Name + ".deps.json");
        using var deps = JsonDocument.Parse(File.ReadAllText(depsFile));
        var package = deps.RootElement.GetProperty("libraries").EnumerateObject()
            .Single(library => library.Name.StartsWith("TorchSharp/", StringComparison.Ordinal))
            .Value.GetProperty("path").GetString()!;
        var root = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                   ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var library = Path.Combine(root, package, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        File.Exists(library).Should().BeTrue($"the restored TorchSharp package should hold {library}");
        return library;
    }

    static int CountDifferentBytes(string a, string b)
    {
        byte[] left = File.ReadAllBytes(a), right = File.ReadAllBytes(b);
        left.Length.Should().Be(right.Length, $"{a} and {b} should be the same library");
        return left.Where((value, i) => value != right[i]).Count();
    }

    static string Readelf(params string[] arguments) => Run("readelf", arguments);

    static string Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        start.Environment["LC_ALL"] = "C"; // readelf's wording, not a translation
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"{program} is needed by these tests (Debian: apt-get install binutils libc-bin)", e);
        }
        using (process)
        {
            var errors = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit(60_000).Should().BeTrue($"{program} should finish");
            process.ExitCode.Should().Be(0, $"{program} {string.Join(' ', arguments)} failed: {errors.Result}");
            return output;
        }
    }
}
