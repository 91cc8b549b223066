using System.Diagnostics;
using System.Runtime.InteropServices;
using ColorPix.Core.Models;
using TorchSharp;
using static TorchSharp.torch;
using ColorPix.Core.Checkpoints;

namespace ColorPix.Tests.Interop;

/// <summary>ColorPix checkpoints and PyTorch state dicts are one format: each side loads the other's file
/// (strict names and shapes) and computes the same AutoEncoder output. Needs Debian's python3-torch.</summary>
public class PyTorchInteropTests
{
    private const string Python = "/usr/bin/python3";

    [Test]
    public void A_ColorPix_checkpoint_loads_into_PyTorch_and_a_PyTorch_state_dict_loads_into_ColorPix()
    {
        var dir = Directory.CreateTempSubdirectory("cpx-interop-").FullName;
        try
        {
            using var scope = torch.NewDisposeScope();
            torch.manual_seed(3);
            using var ours = new AutoEncoder(new AutoEncoderConfig(0.125));
            ours.eval();
            // A few training-mode passes so BatchNorm statistics are not their initial values.
            ours.train();
            for (var i = 0; i < 3; i++) ours.forward(torch.rand(2, 1, 64, 64) * 100);
            ours.eval();
            SafeTensors.Save(Path.Combine(dir, "colorpix.safetensors"), ours.state_dict());
            var input = torch.rand(1, 1, 64, 64) * 100;
            File.WriteAllBytes(Path.Combine(dir, "x.bin"), input.bytes.ToArray());

            RunPython(dir, "0.125", "64", "colorpix.safetensors", "x.bin", "y.bin", "pytorch.safetensors");

            var expected = ours.forward(input).data<float>().ToArray();
            Floats(Path.Combine(dir, "y.bin")).Should().Equal(expected, (a, b) => Math.Abs(a - b) < 1e-3, "PyTorch runs the ColorPix weights");

            using var theirs = SafeTensors.Load(Path.Combine(dir, "pytorch.safetensors"));
            using var loaded = new AutoEncoder(new AutoEncoderConfig(0.125));
            loaded.load_state_dict(theirs.Tensors);
            loaded.eval();
            loaded.forward(input).data<float>().ToArray().Should().Equal(Floats(Path.Combine(dir, "y.bin.fresh")), (a, b) => Math.Abs(a - b) < 1e-3,
                "ColorPix runs the PyTorch weights");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static float[] Floats(string path) => MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(path)).ToArray();

    private static void RunPython(string dir, params string[] args)
    {
        if (!File.Exists(Python)) Assert.Fail($"{Python} is missing: run scripts/setup.sh test (installs python3-torch)");
        var start = new ProcessStartInfo(Python) { WorkingDirectory = dir, RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(Path.Combine(TestContext.CurrentContext.TestDirectory, "Interop", "pytorch_interop.py"));
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2))) { process.Kill(); Assert.Fail("the PyTorch side did not finish in 2 minutes"); }
        process.ExitCode.Should().Be(0, error.Result);
    }
}
