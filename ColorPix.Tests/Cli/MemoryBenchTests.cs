using ColorPix.Web.Benchmarks;
using ColorPix.Web.Cli;

namespace ColorPix.Tests.Cli;

/// <summary>The parts of `bench memory` that need no child process: reading the OS's figures, judging them, refusing bad options.</summary>
public class MemoryBenchTests
{
    // As GNU time 1.9 writes it (-v -o FILE), for a command that failed.
    private const string TimeOutput = """
        Command exited with non-zero status 3
        	Command being timed: "dotnet colorpix.dll colorize a: b.jpg"
        	User time (seconds): 12.30
        	System time (seconds): 1.05
        	Percent of CPU this job got: 180%
        	Elapsed (wall clock) time (h:mm:ss or m:ss): 1:02.50
        	Average shared text size (kbytes): 0
        	Maximum resident set size (kbytes): 1843200
        	Average resident set size (kbytes): 0
        	Page size (bytes): 4096
        	Exit status: 3

        """;

    [Test]
    public void Time_report_gives_wall_seconds_max_rss_in_bytes_and_exit_status()
    {
        var report = MemoryBenchmark.TimeReport.Parse(TimeOutput);
        report.WallSeconds.Should().BeApproximately(62.5, 1e-9);
        report.MaxRssBytes.Should().Be(1843200L * 1024);
        report.ExitStatus.Should().Be(3);
    }

    [Test]
    public void Time_report_reads_hours_minutes_and_seconds()
    {
        var report = MemoryBenchmark.TimeReport.Parse(TimeOutput.Replace("1:02.50", "2:03:04", StringComparison.Ordinal));
        report.WallSeconds.Should().Be(2 * 3600 + 3 * 60 + 4);
    }

    [Test]
    public void Time_report_without_max_rss_is_refused()
    {
        var act = () => MemoryBenchmark.TimeReport.Parse(TimeOutput.Replace("Maximum resident", "Most resident", StringComparison.Ordinal));
        act.Should().Throw<FormatException>().WithMessage("*maximum resident set size*");
    }

    [Test]
    public void Proc_status_gives_rss_and_peak_in_bytes()
    {
        var status = MemoryBenchmark.ProcStatus.Parse("Name:\tdotnet\nVmPeak:\t 9999999 kB\nVmHWM:\t  2097152 kB\nVmRSS:\t  1048576 kB\nRssAnon:\t 1000 kB\n");
        status.HwmBytes.Should().Be(2L << 30);
        status.RssBytes.Should().Be(1L << 30);
    }

    [Test]
    public void Proc_status_of_this_process_is_readable()
    {
        var status = MemoryBenchmark.ProcStatus.Parse(File.ReadAllText("/proc/self/status"));
        status.RssBytes.Should().BeGreaterThan(10L << 20);
        status.HwmBytes.Should().BeGreaterThanOrEqualTo(status.RssBytes);
    }

    [Test]
    public void Proc_status_of_a_zombie_without_memory_lines_is_refused()
    {
        var act = () => MemoryBenchmark.ProcStatus.Parse("Name:\tdotnet\nState:\tZ (zombie)\n");
        act.Should().Throw<FormatException>();
    }

    [Test]
    public void Targets_accept_503_only_with_retry_after_and_growth_only_within_tolerance()
    {
        static ServeMemory Serve(string? retryAfter, double growth) => new("serve",
            new ConcurrentMemory(2, 500, 1800, 1300, true, 2048, true, 60,
                [new ConcurrentRequest(1, "colorize", 200, null, 30), new ConcurrentRequest(2, "colorize", 503, retryAfter, 31)]),
            new SteadyMemory(100, 0, 50, [new RssSample(50, 600), new RssSample(100, 600 + growth)], 600, 600 + growth, 600 + growth, growth));

        MemoryBenchmark.Targets(null, Serve("30", 10)).Should().OnlyContain(t => t.Met);
        var failing = MemoryBenchmark.Targets(null, Serve(null, MemoryBenchmark.FlatToleranceMB + 1));
        failing.Where(t => !t.Met).Select(t => t.Target).Should().HaveCount(2)
            .And.Contain(t => t.Contains("Retry-After")).And.Contain(t => t.Contains("flat"));
    }

    [Test]
    public void Targets_judge_the_cli_by_peak_above_idle_and_work_time_ratio()
    {
        var cli = new CliMemory("colorize", [new CliMemoryRun("idle", 64, 64, 3, 700, 0), new CliMemoryRun("10 MP", 3650, 2740, 8, 1100, 400),
            new CliMemoryRun("40 MP", 7200, 5400, 30, 2300, 1600)], 30.0 / 8, 27.0 / 5);
        MemoryBenchmark.Targets(cli, null).Should().HaveCount(2).And.OnlyContain(t => !t.Met);
    }

    [TestCase("--only", "gpu", "--only must be cli or serve")]
    [TestCase("--concurrent", "0", "--concurrent must be at least 1")]
    [TestCase("--requests", "60", "--requests at least twice")]
    [TestCase("--budget-mb", "10", "MemoryBudgetMB must be at least 64")]
    public void Bad_options_exit_non_zero_with_a_message_before_any_work(string option, string value, string message)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        CliApp.Run(["bench", "memory", option, value], output, error).Should().Be(1);
        error.ToString().Should().Contain(message);
        output.ToString().Should().BeEmpty();
    }
}
