using System.Text.RegularExpressions;
using ColorPix.Core.Data;

namespace ColorPix.Tests.Deploy;

/// <summary>The compose file, nginx and Prometheus each name the replicas (no Docker engine here to run the compose
/// file): a replica added to one and not the others would get no traffic or no monitoring.</summary>
public partial class DeploymentFilesTests
{
    private static string Read(string path) => File.ReadAllText(Path.Combine(RepoPaths.FindRoot(AppContext.BaseDirectory), path));

    [Test]
    public void Compose_nginx_and_prometheus_name_the_same_replicas()
    {
        var compose = Replicas(ComposeService(), Read("docker-compose.yml"));
        var nginx = Replicas(NginxUpstream(), Read("deploy/nginx/colorpix.conf"));
        var prometheus = Replicas(PrometheusTarget(), Read("deploy/prometheus/prometheus.yml"));

        compose.Should().HaveCountGreaterThan(1, "the compose file runs replicas");
        nginx.Should().Equal(compose);
        prometheus.Should().Equal(compose);
    }

    private static List<string> Replicas(Regex pattern, string text) => pattern.Matches(text).Select(m => m.Groups[1].Value).Order().ToList();

    [GeneratedRegex(@"^  (colorpix-\d+):\s*$", RegexOptions.Multiline)]
    private static partial Regex ComposeService();

    [GeneratedRegex(@"^\s*server (colorpix-\d+):8080\b", RegexOptions.Multiline)]
    private static partial Regex NginxUpstream();

    [GeneratedRegex(@"""(colorpix-\d+):8080""")]
    private static partial Regex PrometheusTarget();
}
