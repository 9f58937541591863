using System.Text.Json.Nodes;

namespace GradRetentionNet.Deployment.Tests;

/// <summary>How the chart places and updates silos: the workload kind, its update strategy, GPU images and resources, the migration hook.</summary>
public sealed class ChartTopologyTests
{
    static string? Text(JsonNode? node) => (string?)node;

    [Fact]
    public void Silos_are_a_statefulset_that_a_new_pod_template_does_not_restart()
    {
        var chart = HelmChart.Render("silo.logLevel=Debug");
        var spec = chart.Single("StatefulSet")["spec"]!;

        Text(spec["updateStrategy"]!["type"]).Should().Be("OnDelete", "an upgrade or a rotated token must not restart training silos");
        Text(spec["podManagementPolicy"]).Should().Be("Parallel", "silos need no start order");
        Text(spec["replicas"]).Should().Be("2");
        var headless = chart.Named("Service", "-silo");
        Text(spec["serviceName"]).Should().Be(Text(headless["metadata"]!["name"]));
        Text(headless["spec"]!["clusterIP"]).Should().Be("None");
        chart.OfKind("Deployment").Should().BeEmpty("a Deployment cannot hold back an update");
        Text(chart.Single("PodDisruptionBudget")["spec"]!["maxUnavailable"]).Should().Be("1", "a drain takes one silo at a time");
    }

    [Fact]
    public void A_partition_updates_only_the_silos_at_or_above_it()
    {
        var strategy = HelmChart.Render("silo.updateStrategy.type=RollingUpdate", "silo.updateStrategy.partition=1").Single("StatefulSet")["spec"]!["updateStrategy"]!;

        Text(strategy["type"]).Should().Be("RollingUpdate");
        Text(strategy["rollingUpdate"]!["partition"]).Should().Be("1");
    }

    [Fact]
    public void A_daemonset_puts_one_silo_on_each_labelled_gpu_node_and_waits_for_its_pods_to_be_deleted()
    {
        var chart = HelmChart.Render("silo.kind=DaemonSet", "silo.gpus=8", "silo.nodeSelector.pool=training");
        var daemonSet = chart.Single("DaemonSet");
        var pod = chart.SiloPod["spec"]!;

        Text(daemonSet["spec"]!["updateStrategy"]!["type"]).Should().Be("OnDelete");
        daemonSet["spec"]!.AsObject().Should().NotContainKey("replicas");
        pod["nodeSelector"]!.AsObject().Select(l => $"{l.Key}={l.Value}").Should().BeEquivalentTo(["nvidia.com/gpu.present=true", "pool=training"]);
        pod.AsObject().Should().NotContainKey("affinity", "a DaemonSet has one pod per node by construction");
        chart.OfKind("StatefulSet").Should().BeEmpty();
        chart.OfKind("PodDisruptionBudget").Should().BeEmpty("a budget cannot count a DaemonSet's pods");
    }

    [Theory]
    [InlineData(new string[0], "registry.example/grn-silo:0.1.0", null)]
    [InlineData(new[] { "silo.gpus=2" }, "registry.example/grn-silo:0.1.0-cuda", "nvidia")]
    [InlineData(new[] { "silo.gpus=2", "image.flavour=cuda", "image.tag=2.0" }, "registry.example/grn-silo:2.0-cuda", "nvidia")]
    [InlineData(new[] { "image.flavour=cuda" }, "registry.example/grn-silo:0.1.0-cuda", null)]
    [InlineData(new[] { "silo.gpus=2", "silo.runtimeClassName=" }, "registry.example/grn-silo:0.1.0-cuda", null)]
    [InlineData(new[] { "silo.gpus=2", "silo.runtimeClassName=nvidia-cdi" }, "registry.example/grn-silo:0.1.0-cuda", "nvidia-cdi")]
    public void The_image_flavour_and_runtime_follow_the_gpus_unless_told_otherwise(string[] values, string image, string? runtimeClass)
    {
        var chart = HelmChart.Render(values);

        Text(chart.SiloContainer["image"]).Should().Be(image);
        Text(chart.SiloPod["spec"]!["runtimeClassName"]).Should().Be(runtimeClass);
        Text(chart.Named("Job", "-migrate")["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]).Should().Be(image, "the migration runs the silos' image");
    }

    [Theory]
    [InlineData(1, "4", "16Gi")]
    [InlineData(8, "32", "128Gi")]
    public void Gpu_silos_get_cpu_and_memory_per_gpu(int gpus, string cpu, string memory)
    {
        var resources = HelmChart.Render($"silo.gpus={gpus}").SiloContainer["resources"]!;

        Text(resources["requests"]!["cpu"]).Should().Be(cpu);
        Text(resources["requests"]!["memory"]).Should().Be(memory);
        Text(resources["limits"]!["memory"]).Should().Be(memory);
        Text(resources["limits"]!["nvidia.com/gpu"]).Should().Be(gpus.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Per_gpu_resources_multiply_millicores_and_leave_cpu_silos_alone()
    {
        var gpu = HelmChart.Render("silo.gpus=3", "silo.resources.perGpu.cpu=1500m", "silo.resources.perGpu.memory=").SiloContainer["resources"]!;
        Text(gpu["requests"]!["cpu"]).Should().Be("4500m");
        Text(gpu["requests"]!["memory"]).Should().Be("4Gi", "an empty perGpu key leaves silo.resources' value");

        var cpu = HelmChart.Render().SiloContainer["resources"]!;
        Text(cpu["requests"]!["cpu"]).Should().Be("2");
        Text(cpu["limits"]!["memory"]).Should().Be("16Gi");
    }

    [Fact]
    public void Probes_wait_long_enough_for_a_silo_on_a_saturated_node()
    {
        var container = HelmChart.Render().SiloContainer;

        foreach (var probe in new[] { "startupProbe", "livenessProbe", "readinessProbe" })
        {
            int.Parse(Text(container[probe]!["timeoutSeconds"])!).Should().BeGreaterThanOrEqualTo(5, probe);
            int.Parse(Text(container[probe]!["failureThreshold"])!).Should().BeGreaterThanOrEqualTo(3, probe);
        }
    }

    [Fact]
    public void The_schema_migrates_in_a_hook_job_before_install_and_upgrade_and_not_in_the_silos()
    {
        var chart = HelmChart.Render();
        var job = chart.Named("Job", "-migrate");
        var annotations = job["metadata"]!["annotations"]!;
        var container = job["spec"]!["template"]!["spec"]!["containers"]![0]!;

        Text(annotations["helm.sh/hook"]).Should().Be("pre-install,pre-upgrade", "never pre-rollback: an older build refuses a newer schema");
        Text(annotations["helm.sh/hook-delete-policy"]).Should().Contain("before-hook-creation").And.Contain("hook-succeeded");
        container["args"]!.AsArray().Select(a => (string?)a).Should().Equal("migrate");
        JsonNode.DeepEquals(container["securityContext"], chart.SiloContainer["securityContext"]).Should().BeTrue("the migration runs as locked down as the silos");
        chart.EnvironmentValue("GRN_Silo__MigrateOnStart").Should().Be("false");

        // The connection string: a hook Secret that exists before the release's own does, made earlier (lower weight).
        var reference = container["env"]!.AsArray().Single(e => Text(e!["name"]) == "GRN_Silo__ConnectionString")!["valueFrom"]!["secretKeyRef"]!;
        var secret = chart.Named("Secret", "-migration");
        Text(reference["name"]).Should().Be(Text(secret["metadata"]!["name"]));
        Text(secret["stringData"]!["connection-string"]).Should().Be("Host=db;Database=grn");
        int.Parse(Text(secret["metadata"]!["annotations"]!["helm.sh/hook-weight"])!).Should().BeLessThan(int.Parse(Text(annotations["helm.sh/hook-weight"])!));
        Text(secret["metadata"]!["annotations"]!["helm.sh/hook"]).Should().Be("pre-install,pre-upgrade");

        var own = HelmChart.Render("postgres.connectionString=", "postgres.existingSecret=team-db");
        own.OfKind("Secret").Should().NotContain(s => Text(s["metadata"]!["name"])!.EndsWith("-migration", StringComparison.Ordinal));
        Text(own.Named("Job", "-migrate")["spec"]!["template"]!["spec"]!["containers"]![0]!["env"]![0]!["valueFrom"]!["secretKeyRef"]!["name"]).Should().Be("team-db");

        var off = HelmChart.Render("migration.enabled=false", "postgres.migrateOnStart=true");
        off.OfKind("Job").Should().BeEmpty();
        off.EnvironmentValue("GRN_Silo__MigrateOnStart").Should().Be("true");
    }
}
