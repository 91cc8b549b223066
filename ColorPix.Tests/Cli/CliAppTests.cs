using System.Runtime.InteropServices;
using System.Text.Json;
using TorchSharp;
using static TorchSharp.torch;
using ColorPix.Web.Cli;

namespace ColorPix.Tests.Cli;

public class CliAppTests
{
    private int threadsBefore;

    // --threads changes process-wide libtorch state; put it back for the tests that follow.
    [SetUp] public void RememberThreads() => threadsBefore = torch.get_num_threads();
    [TearDown] public void RestoreThreads() => torch.set_num_threads(threadsBefore);

    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = CliApp.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    private static JsonElement InfoJson(params string[] extraArgs)
    {
        var (exit, output, error) = Run([.. extraArgs, "info", "--json"]);
        exit.Should().Be(0, error);
        return JsonDocument.Parse(output).RootElement;
    }

    [Test]
    public void Info_json_reports_TorchSharp_libtorch_and_its_math_libraries()
    {
        var info = InfoJson();
        info.GetProperty("torchSharp").GetString().Should().StartWith("0.107.");
        info.GetProperty("libtorch").GetString().Should().StartWith("2.10.");
        // The CPU bundle is built with MKL and oneDNN: read from libtorch itself, so a wrong runtime shows here.
        info.GetProperty("mkl").GetString().Should().Be("ON");
        info.GetProperty("oneDnn").GetString().Should().Be("ON");
        info.GetProperty("devices").EnumerateArray().Select(d => d.GetString()).Should().StartWith("cpu");
    }

    // Two values, so the test cannot pass just because one of them is libtorch's default.
    [TestCase(1)]
    [TestCase(2)]
    public void Threads_option_sets_libtorch_intra_op_threads_before_the_verb(int threads)
    {
        InfoJson("--threads", threads.ToString()).GetProperty("threads").GetInt32().Should().Be(threads);
        torch.get_num_threads().Should().Be(threads);
    }

    [Test]
    public void Without_threads_option_libtorch_uses_one_thread_per_core()
    {
        torch.set_num_threads(1);
        InfoJson().GetProperty("threads").GetInt32().Should().Be(Environment.ProcessorCount);
    }

    [Test]
    public void Threads_option_is_accepted_after_the_verb_too()
    {
        var (exit, output, _) = Run("info", "--json", "--threads", "2");
        exit.Should().Be(0);
        JsonDocument.Parse(output).RootElement.GetProperty("threads").GetInt32().Should().Be(2);
    }

    [TestCase("0")]
    [TestCase("-3")]
    [TestCase("many")]
    public void Invalid_thread_count_exits_non_zero_with_a_message(string value)
    {
        var (exit, _, error) = Run("--threads", value, "info");
        exit.Should().NotBe(0);
        error.Should().Contain("--threads must be a positive whole number").And.Contain($"'{value}'");
        torch.get_num_threads().Should().Be(threadsBefore);
    }

    [Test]
    public void Unknown_verb_exits_non_zero()
    {
        var (exit, _, error) = Run("paint");
        exit.Should().NotBe(0);
        error.Should().Contain("'paint'");
    }

    [Test]
    public void Info_table_names_every_fact()
    {
        var (exit, output, _) = Run("info");
        exit.Should().Be(0);
        output.Should().Contain("TorchSharp").And.Contain("libtorch").And.Contain("MKL").And.Contain("oneDNN").And.Contain("threads").And.Contain("cpu");
    }

    [Test]
    public void Engine_errors_are_reported_on_one_line_without_a_stack_trace()
    {
        using var error = new StringWriter();
        CliApp.ReportFailure(new ExternalException("shape mismatch:\n  [2, 3] vs [3, 2]\nException raised from mm at aten/src/ATen/native/LinearAlgebra.cpp:12 (most recent call first):\nframe #0: c10::Error::Error()"), error);
        error.ToString().Should().Be("colorpix: engine error: shape mismatch: [2, 3] vs [3, 2]" + Environment.NewLine);
    }
}
