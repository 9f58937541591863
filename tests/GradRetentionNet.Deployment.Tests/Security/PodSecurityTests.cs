using System.Text.Json.Nodes;

namespace GradRetentionNet.Deployment.Tests.Security;

/// <summary>Every pod the chart renders, under every value set of the matrix, against the restricted Pod Security Standard and the chart's own baseline.</summary>
public sealed class PodSecurityTests
{
    [Fact]
    public void Every_rendered_pod_passes_the_restricted_pod_security_standard()
    {
        var pods = ChartMatrix.Manifests.SelectMany(chart => chart.Value.PodTemplates.Select(p => (Where: $"{chart.Key}: {p.Owner}", p.Pod))).ToList();

        pods.Select(p => p.Where).Should().Contain(w => w.Contains("StatefulSet")).And.Contain(w => w.Contains("DaemonSet"))
            .And.Contain(w => w.Contains("-migrate")).And.Contain(w => w.Contains("-data-"), "the matrix renders every kind of pod");
        pods.SelectMany(p => PodSecurityRestricted.Check(p.Pod).Select(v => $"{p.Where}: {v}")).Should().BeEmpty();
    }

    [Fact]
    public void Every_rendered_pod_has_a_read_only_root_a_writable_tmp_and_no_api_token()
    {
        foreach (var (name, chart) in ChartMatrix.Manifests)
        {
            foreach (var (owner, pod) in chart.PodTemplates)
            {
                var spec = pod["spec"]!;
                var where = $"{name}: {owner}";
                ((string?)spec["automountServiceAccountToken"]).Should().Be("false", where);
                var tmp = spec["volumes"]!.AsArray().Single(v => (string?)v!["name"] == "tmp")!;
                tmp["emptyDir"].Should().NotBeNull(where);
                foreach (var container in spec["containers"]!.AsArray())
                {
                    var context = container!["securityContext"]!;
                    ((string?)context["readOnlyRootFilesystem"]).Should().Be("true", where);
                    ((string?)context["runAsUser"]).Should().Be("1654", $"{where}: the images' user app");
                    container["volumeMounts"]!.AsArray().Should().Contain(m => (string?)m!["name"] == "tmp" && (string?)m["mountPath"] == "/tmp", where);
                }
            }
        }
    }

    /// <summary>A pod that passes: the settings the chart gives its pods, written out.</summary>
    static JsonObject CompliantPod() => JsonNode.Parse("""
        {
          "metadata": { "annotations": { "container.apparmor.security.beta.kubernetes.io/app": "runtime/default" } },
          "spec": {
            "securityContext": { "runAsNonRoot": "true", "runAsUser": "1654", "seccompProfile": { "type": "RuntimeDefault" } },
            "containers": [{
              "name": "app", "image": "x",
              "ports": [{ "containerPort": "8080" }],
              "readinessProbe": { "httpGet": { "path": "/", "port": "8080" } },
              "securityContext": { "allowPrivilegeEscalation": "false", "capabilities": { "drop": ["ALL"], "add": ["NET_BIND_SERVICE"] } }
            }],
            "volumes": [{ "name": "tmp", "emptyDir": {} }, { "name": "runs", "persistentVolumeClaim": { "claimName": "runs" } }]
          }
        }
        """)!.AsObject();

    public static TheoryData<string, string> Breaches => new()
    {
        { "HostProcess", """{"spec":{"securityContext":{"windowsOptions":{"hostProcess":"true"}}}}""" },
        { "Host Namespaces", """{"spec":{"hostNetwork":"true"}}""" },
        { "Host Namespaces", """{"spec":{"hostPID":"true"}}""" },
        { "Privileged Containers", """{"container":{"securityContext":{"privileged":"true"}}}""" },
        { "Host Ports", """{"container":{"ports":[{"containerPort":"8080","hostPort":"8080"}]}}""" },
        { "Host Probes / Lifecycle Hooks", """{"container":{"readinessProbe":{"httpGet":{"path":"/","port":"8080","host":"10.0.0.1"}}}}""" },
        { "AppArmor", """{"metadata":{"annotations":{"container.apparmor.security.beta.kubernetes.io/app":"unconfined"}}}""" },
        { "AppArmor", """{"spec":{"securityContext":{"appArmorProfile":{"type":"Unconfined"}}}}""" },
        { "SELinux", """{"container":{"securityContext":{"seLinuxOptions":{"user":"system_u"}}}}""" },
        { "SELinux", """{"spec":{"securityContext":{"seLinuxOptions":{"type":"spc_t"}}}}""" },
        { "/proc Mount Type", """{"container":{"securityContext":{"procMount":"Unmasked"}}}""" },
        { "Sysctls", """{"spec":{"securityContext":{"sysctls":[{"name":"kernel.msgmax","value":"1"}]}}}""" },
        { "Volume Types", """{"spec":{"volumes":[{"name":"host","hostPath":{"path":"/"}}]}}""" },
        { "Volume Types", """{"spec":{"volumes":[{"name":"share","nfs":{"server":"nfs","path":"/"}}]}}""" },
        { "Privilege Escalation", """{"container":{"securityContext":{"allowPrivilegeEscalation":null}}}""" },
        { "Running as Non-root", """{"spec":{"securityContext":{"runAsNonRoot":null}}}""" },
        { "Running as Non-root", """{"container":{"securityContext":{"runAsNonRoot":"false"}}}""" },
        { "Running as Non-root user", """{"container":{"securityContext":{"runAsUser":"0"}}}""" },
        { "Seccomp", """{"spec":{"securityContext":{"seccompProfile":null}}}""" },
        { "Seccomp", """{"container":{"securityContext":{"seccompProfile":{"type":"Unconfined"}}}}""" },
        { "Capabilities", """{"container":{"securityContext":{"capabilities":{"drop":["NET_RAW"]}}}}""" },
        { "Capabilities", """{"container":{"securityContext":{"capabilities":{"add":["SYS_ADMIN"]}}}}""" },
    };

    [Fact]
    public void The_checker_passes_a_compliant_pod() => PodSecurityRestricted.Check(CompliantPod()).Should().BeEmpty();

    [Theory]
    [MemberData(nameof(Breaches))]
    public void The_checker_names_each_control_a_pod_breaks(string control, string patch)
    {
        var pod = CompliantPod();
        var changes = JsonNode.Parse(patch)!.AsObject();
        // "container" patches the first container; the rest patch the pod (a JSON merge patch: null removes).
        if (changes["container"] is JsonObject container) Merge(pod["spec"]!["containers"]![0]!.AsObject(), container);
        Merge(pod, new JsonObject(changes.Where(c => c.Key != "container").Select(c => KeyValuePair.Create(c.Key, c.Value?.DeepClone()))));

        var violations = PodSecurityRestricted.Check(pod);

        violations.Should().ContainSingle().Which.Control.Should().Be(control, string.Join("; ", violations));
    }

    [Fact]
    public void Privilege_escalation_seccomp_and_capabilities_bind_linux_pods_only()
    {
        var pod = CompliantPod();
        Merge(pod, JsonNode.Parse("""{"spec":{"securityContext":{"seccompProfile":null}}}""")!.AsObject());
        pod["spec"]!["containers"]![0]!["securityContext"] = new JsonObject();

        PodSecurityRestricted.Check(pod).Select(v => v.Control).Should().BeEquivalentTo(["Privilege Escalation", "Capabilities", "Seccomp"]);
        pod["spec"]!["os"] = new JsonObject { ["name"] = "windows" };
        PodSecurityRestricted.Check(pod).Should().BeEmpty("the page's OS-specific controls spare Windows pods these three");
    }

    /// <summary>RFC 7396 JSON merge patch.</summary>
    static void Merge(JsonObject target, JsonObject patch)
    {
        foreach (var (key, value) in patch.ToList())
        {
            if (value is null) target.Remove(key);
            else if (value is JsonObject child && target[key] is JsonObject existing) Merge(existing, child);
            else target[key] = value.DeepClone();
        }
    }
}
