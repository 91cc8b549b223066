using ColorPix.Tests.Api.Lifecycle;

namespace ColorPix.Tests.Cli;

/// <summary>`colorpix models ...` as an operator runs it, in a throwaway clone with the default configuration.</summary>
public class ModelsCliTests : ThrowawayCloneTest
{
    [Test]
    public void Register_promote_roll_back_and_list_from_the_command_line()
    {
        var folder = Directory.CreateDirectory(Path.Combine(Repo.RepoRoot, "checkpoints", "run-a", "best")).FullName;
        var first = LifecycleCheckpoints.AutoEncoder(folder, "first", 0.1f);
        var second = LifecycleCheckpoints.AutoEncoder(folder, "second", 0.2f);

        var registered = new[] { Run("models", "register", first), Run("models", "register", second) };
        var versions = registered.Select(r => r.Output.Split(' ')[2]).ToList();
        var promotions = new[] { Run("models", "promote", "autoencoder", versions[0]), Run("models", "promote", "autoencoder", versions[1]) };
        var rollback = Run("models", "rollback", "autoencoder");
        var list = Run("models", "list");

        registered.Should().OnlyContain(r => r.Exit == 0 && r.Output.StartsWith("registered autoencoder ") && r.Output.Contains(" as challenger "));
        promotions.Should().OnlyContain(p => p.Exit == 0 && p.Output.StartsWith("promoted: "));
        (rollback.Exit, rollback.Output).Should().Match<(int, string)>(r => r.Item1 == 0 && r.Item2.Contains($"rolled autoencoder back to {versions[0]} from {versions[1]}"));
        list.Output.Should().MatchRegex($@"{versions[0]}\s*│\s*champion").And.MatchRegex($@"{versions[1]}\s*│\s*retired");
        File.Exists(Path.Combine(Repo.RepoRoot, "data", "objects", "models", "autoencoder", $"{versions[0]}.safetensors")).Should().BeTrue();
        File.ReadAllText(Path.Combine(Repo.RepoRoot, "mlruns", "models", "colorpix-autoencoder", "aliases", "champion")).Should().Be("1");
    }

    [Test]
    public void Mistakes_get_one_line_and_a_non_zero_exit()
    {
        var results = new[]
        {
            Run("models", "register", "checkpoints/none.safetensors"),
            Run("models", "promote", "autoencoder", "nosuchversion"),
            Run("models", "rollback", "pix2pix"),
            Run("models", "promote", "unet", "v1"),
        };

        results.Should().OnlyContain(r => r.Exit != 0 && r.Output.StartsWith("colorpix: error: ") && !r.Output.Contains("   at "));
        results[1].Output.Should().Contain("autoencoder version nosuchversion is not registered");
        results[2].Output.Should().Contain("pix2pix has no previous champion");
    }
}
