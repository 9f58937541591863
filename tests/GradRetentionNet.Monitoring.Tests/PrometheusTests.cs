using System.Text.RegularExpressions;
using GradRetentionNet.Monitoring.Tests.Queries;
using GradRetentionNet.Testing;
using Xunit.Abstractions;

namespace GradRetentionNet.Monitoring.Tests;

/// <summary>deploy/prometheus/ through promtool: the configuration, the alert rules, and the rules' unit tests.</summary>
public sealed partial class PrometheusTests(ITestOutputHelper log) : IDisposable
{
    static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);
    const string Folder = "deploy/prometheus";
    const string KubernetesStandIn = "kubernetes-sd-stand-in.json";

    readonly TemporaryFolder copy = new("grn-promtool-");

    [Fact]
    public void Promtool_accepts_the_configuration()
    {
        var run = CheckConfig(CopyOfFolder());
        run.ExitCode.Should().Be(0, run.ToString());
    }

    [Fact]
    public void Promtool_rejects_a_broken_relabelling_in_the_kubernetes_job()
    {
        // Proves the Kubernetes job is checked even where promtool lacks Kubernetes discovery.
        var config = CopyOfFolder();
        var text = File.ReadAllText(config);
        var broken = text.Replace("        regex: \"true\"\n        action: keep", "        regex: \"true\"\n        action: kepp");
        broken.Should().NotBe(text, "the Kubernetes job keeps pods by their scrape annotation");
        File.WriteAllText(config, broken);

        var run = CheckConfig(config);
        run.ExitCode.Should().NotBe(0, run.ToString());
        run.Output.Should().Contain("kepp");
    }

    [Fact]
    public void Promtool_accepts_the_rule_files_the_configuration_loads()
    {
        var rules = RuleQueries.RuleFiles(Repository.Read(Repository.PrometheusConfig), Repository.PrometheusConfig);
        rules.Should().NotBeEmpty();
        var run = Promtool(Repository.Path(Folder), ["check", "rules", .. rules]);
        run.ExitCode.Should().Be(0, run.ToString());
        run.Output.Should().Contain("SUCCESS");
    }

    [Fact]
    public void The_alert_rule_unit_tests_pass()
    {
        var run = Promtool(Repository.Path(Folder), ["test", "rules", Path.GetFileName(Repository.AlertRuleTests)]);
        run.ExitCode.Should().Be(0, run.ToString());
        run.Output.Should().Contain("SUCCESS");
    }

    /// <summary>Changes to alerts.yml that the unit tests' near misses must catch: (what, text, replacement).</summary>
    public static TheoryData<string, string, string> Regressions => new()
    {
        { "failure rate threshold lowered to 18 % (19 % would fire)", ") > 0.2\n", ") > 0.18\n" },
        { "minimum volume lowered to 9 attempts", ") >= 10\n", ") >= 9\n" },
        { "diverged attempts left out of the failure rate's denominator",
          "\n                + (sum by (sweep) (increase(grn_jobs_diverged_total[15m])) or sum by (sweep) (increase(grn_jobs_failed_total[15m])) * 0)\n", "\n" },
        { "GPU memory alert at 90 % exactly", "grn_gpu_memory_used_bytes / grn_gpu_memory_total_bytes > 0.9", "grn_gpu_memory_used_bytes / grn_gpu_memory_total_bytes >= 0.9" },
        { "GPU memory alert at 85 %", "grn_gpu_memory_used_bytes / grn_gpu_memory_total_bytes > 0.9", "grn_gpu_memory_used_bytes / grn_gpu_memory_total_bytes > 0.85" },
        { "stalled sweep without the idle-slot condition", "          and on ()\n          (sum(grn_slots_total) - sum(grn_slots_busy)) > 0\n", "" },
        { "stalled sweep after 9 minutes", "        for: 10m\n", "        for: 9m\n" },
        { "silo down at once", "        for: 1m\n", "        for: 0m\n" },
    };

    [Theory]
    [MemberData(nameof(Regressions))]
    public void The_alert_rule_unit_tests_catch_a_regression(string what, string text, string replacement)
    {
        CopyOfFolder();
        var rules = copy.File("alerts.yml");
        var original = File.ReadAllText(rules);
        original.Should().Contain(text, $"the regression '{what}' edits text that is in alerts.yml");
        File.WriteAllText(rules, original.Replace(text, replacement));

        var run = Promtool(copy.Path, ["test", "rules", Path.GetFileName(Repository.AlertRuleTests)]);
        run.ExitCode.Should().NotBe(0, $"the unit tests must fail when the rules have this regression: {what}\n{run}");
        run.Output.Should().Contain("FAILED");
    }

    /// <summary>Copies deploy/prometheus/ to the test's folder; returns the copy of prometheus.yml.</summary>
    string CopyOfFolder()
    {
        foreach (var file in Directory.GetFiles(Repository.Path(Folder))) File.Copy(file, copy.File(Path.GetFileName(file)));
        return copy.File(Path.GetFileName(Repository.PrometheusConfig));
    }

    /// <summary>
    /// promtool check config. Debian's promtool is built without Kubernetes service discovery
    /// (Debian removed it with its client library), so there it rejects kubernetes_sd_configs as an
    /// unknown field. Then the configuration is checked again with each kubernetes_sd_configs block
    /// (which may hold only a valid role) replaced by a file_sd_configs stand-in: everything else,
    /// the Kubernetes job's relabelling included, is still checked by promtool.
    /// </summary>
    ToolRun CheckConfig(string config)
    {
        var folder = Path.GetDirectoryName(config)!;
        var run = Promtool(folder, ["check", "config", Path.GetFileName(config)]);
        if (run.ExitCode == 0 || !run.Output.Contains("field kubernetes_sd_configs not found", StringComparison.Ordinal)) return run;

        var (standIn, roles) = WithoutKubernetesDiscovery(File.ReadAllText(config));
        log.WriteLine($"{run.Output.Trim()}\n-> this promtool has no Kubernetes service discovery (Debian's build): " +
            $"checking again with the kubernetes_sd_configs block(s) (role {string.Join(", ", roles)}) replaced by file_sd_configs");
        File.WriteAllText(config, standIn);
        return Promtool(folder, ["check", "config", Path.GetFileName(config)]);
    }

    static (string Config, IReadOnlyList<string> Roles) WithoutKubernetesDiscovery(string config)
    {
        var lines = config.Split('\n');
        var result = new List<string>();
        var roles = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            var key = KubernetesSdKey().Match(lines[i]);
            if (!key.Success)
            {
                result.Add(lines[i]);
                continue;
            }
            var indent = key.Groups["indent"].Value;
            for (; i + 1 < lines.Length && lines[i + 1].Length > indent.Length && char.IsWhiteSpace(lines[i + 1][indent.Length]); i++)
            {
                var role = KubernetesRole().Match(lines[i + 1]);
                role.Success.Should().BeTrue($"a kubernetes_sd_configs block holds only '- role: <pod|node|service|endpoints|endpointslice|ingress>' (the part promtool cannot check here), not '{lines[i + 1].Trim()}'");
                roles.Add(role.Groups["role"].Value);
            }
            result.Add($"{indent}file_sd_configs:");
            result.Add($"{indent}  - files: [{KubernetesStandIn}]");
        }
        roles.Should().NotBeEmpty("promtool complained about kubernetes_sd_configs, so the configuration has such a block");
        return (string.Join('\n', result), roles);
    }

    static ToolRun Promtool(string workingDirectory, IEnumerable<string> arguments) =>
        ToolRun.Start(Tools.Promtool, arguments, workingDirectory, Timeout);

    [GeneratedRegex(@"^(?<indent>\s*)kubernetes_sd_configs:\s*$")]
    private static partial Regex KubernetesSdKey();

    [GeneratedRegex(@"^\s*-\s*role:\s*(?<role>pod|node|service|endpoints|endpointslice|ingress)\s*$")]
    private static partial Regex KubernetesRole();

    public void Dispose() => copy.Dispose();
}
