using System.Text.Json.Nodes;

namespace GradRetentionNet.Deployment.Tests.Security;

/// <summary>
/// The Pod Security Standards' "restricted" level (which includes "baseline"), as its page states the
/// controls: https://kubernetes.io/docs/concepts/security/pod-security-standards/ (each rule below is
/// one row of its tables, named as there). Checks a pod template (metadata and spec) as YAML renders
/// it: scalars as strings. The built-in admission controller is not at hand offline, hence this.
/// </summary>
public static class PodSecurityRestricted
{
    /// <summary>One failed control: its name on the page, the field, and what the pod has there.</summary>
    public sealed record Violation(string Control, string Field, string Value)
    {
        public override string ToString() => $"{Control}: {Field} is {Value}";
    }

    // Baseline, "Capabilities" is subsumed by Restricted's (only NET_BIND_SERVICE may be added);
    // "HostPath Volumes" by "Volume Types"; Baseline "Seccomp" (not Unconfined) by Restricted's.
    static readonly string[] AllowedVolumeSources = ["configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim", "projected", "secret"];
    static readonly string[] SafeSysctls =
    [
        "kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range", "net.ipv4.ip_unprivileged_port_start", "net.ipv4.tcp_syncookies",
        "net.ipv4.ping_group_range", "net.ipv4.ip_local_reserved_ports", "net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout",
        "net.ipv4.tcp_keepalive_intvl", "net.ipv4.tcp_keepalive_probes",
    ];
    static readonly string[] SeLinuxTypes = ["", "container_t", "container_init_t", "container_kvm_t", "container_engine_t"];
    static readonly string[] ContainerLists = ["containers", "initContainers", "ephemeralContainers"];

    public static IReadOnlyList<Violation> Check(JsonObject pod)
    {
        var violations = new List<Violation>();
        void Fail(string control, string field, JsonNode? value) => violations.Add(new Violation(control, field, value?.ToJsonString() ?? "unset"));
        var spec = pod["spec"]!.AsObject();
        var podContext = spec["securityContext"] as JsonObject;
        // "OS-specific policy controls": Privilege Escalation, Seccomp and Capabilities only bind Linux pods.
        var linux = Text(spec["os"]?["name"]) != "windows";
        var containers = ContainerLists.SelectMany(list => (spec[list] as JsonArray ?? []).Select((c, i) => (Path: $"spec.{list}[{i}]", Container: c!.AsObject()))).ToList();

        // Baseline, "HostProcess".
        foreach (var (path, context) in Contexts(podContext, containers))
            if (Text(context?["windowsOptions"]?["hostProcess"]) is { } hostProcess && hostProcess != "false")
                Fail("HostProcess", $"{path}.windowsOptions.hostProcess", context!["windowsOptions"]!["hostProcess"]);
        // Baseline, "Host Namespaces".
        foreach (var field in new[] { "hostNetwork", "hostPID", "hostIPC" })
            if (Text(spec[field]) is { } value && value != "false") Fail("Host Namespaces", $"spec.{field}", spec[field]);
        foreach (var (path, container) in containers)
        {
            var context = container["securityContext"] as JsonObject;
            // Baseline, "Privileged Containers".
            if (Text(context?["privileged"]) is { } privileged && privileged != "false") Fail("Privileged Containers", $"{path}.securityContext.privileged", context!["privileged"]);
            // Baseline, "Host Ports".
            foreach (var (port, i) in (container["ports"] as JsonArray ?? []).Select((p, i) => (p, i)))
                if (Text(port?["hostPort"]) is { } hostPort && hostPort != "0") Fail("Host Ports", $"{path}.ports[{i}].hostPort", port!["hostPort"]);
            // Baseline, "Host Probes / Lifecycle Hooks".
            foreach (var handler in new[] { "livenessProbe", "readinessProbe", "startupProbe", "lifecycle.postStart", "lifecycle.preStop" })
            {
                var node = handler.Split('.').Aggregate((JsonNode?)container, (n, key) => n?[key]);
                foreach (var action in new[] { "httpGet", "tcpSocket" })
                    if (Text(node?[action]?["host"]) is { Length: > 0 }) Fail("Host Probes / Lifecycle Hooks", $"{path}.{handler}.{action}.host", node![action]!["host"]);
            }
            // Baseline, "/proc Mount Type".
            if (Text(context?["procMount"]) is { } procMount && procMount != "Default") Fail("/proc Mount Type", $"{path}.securityContext.procMount", context!["procMount"]);
            if (linux)
            {
                // Restricted, "Privilege Escalation": false, and nothing else (unset allows it).
                if (Text(context?["allowPrivilegeEscalation"]) != "false") Fail("Privilege Escalation", $"{path}.securityContext.allowPrivilegeEscalation", context?["allowPrivilegeEscalation"]);
                // Restricted, "Capabilities": drop ALL; add only NET_BIND_SERVICE.
                var capabilities = context?["capabilities"];
                if (!(capabilities?["drop"] as JsonArray ?? []).Any(c => Text(c) == "ALL")) Fail("Capabilities", $"{path}.securityContext.capabilities.drop", capabilities?["drop"]);
                foreach (var added in capabilities?["add"] as JsonArray ?? [])
                    if (Text(added) != "NET_BIND_SERVICE") Fail("Capabilities", $"{path}.securityContext.capabilities.add", added);
                // Restricted, "Seccomp": RuntimeDefault or Localhost, the container's or else the pod's.
                var seccomp = context?["seccompProfile"]?["type"] ?? podContext?["seccompProfile"]?["type"];
                if (Text(seccomp) is not ("RuntimeDefault" or "Localhost")) Fail("Seccomp", $"{path}.securityContext.seccompProfile.type", seccomp);
            }
            // Restricted, "Running as Non-root": true, the container's or else the pod's.
            var nonRoot = context?["runAsNonRoot"] ?? podContext?["runAsNonRoot"];
            if (Text(nonRoot) != "true") Fail("Running as Non-root", $"{path}.securityContext.runAsNonRoot", nonRoot);
        }
        if (linux && Text(podContext?["seccompProfile"]?["type"]) is { } podSeccomp && podSeccomp is not ("RuntimeDefault" or "Localhost"))
            Fail("Seccomp", "spec.securityContext.seccompProfile.type", podContext!["seccompProfile"]!["type"]);
        foreach (var (path, context) in Contexts(podContext, containers))
        {
            // Restricted, "Running as Non-root user".
            if (Text(context?["runAsUser"]) == "0") Fail("Running as Non-root user", $"{path}.runAsUser", context!["runAsUser"]);
            // Baseline, "AppArmor".
            if (Text(context?["appArmorProfile"]?["type"]) is { } appArmor && appArmor is not ("RuntimeDefault" or "Localhost"))
                Fail("AppArmor", $"{path}.appArmorProfile.type", context!["appArmorProfile"]!["type"]);
            // Baseline, "SELinux".
            var seLinux = context?["seLinuxOptions"];
            if (Text(seLinux?["type"]) is { } type && !SeLinuxTypes.Contains(type)) Fail("SELinux", $"{path}.seLinuxOptions.type", seLinux!["type"]);
            foreach (var field in new[] { "user", "role" })
                if (Text(seLinux?[field]) is { Length: > 0 }) Fail("SELinux", $"{path}.seLinuxOptions.{field}", seLinux![field]);
        }
        foreach (var (name, value) in pod["metadata"]?["annotations"] as JsonObject ?? [])
            if (name.StartsWith("container.apparmor.security.beta.kubernetes.io/", StringComparison.Ordinal)
                && Text(value) is { } profile && profile != "runtime/default" && !profile.StartsWith("localhost/", StringComparison.Ordinal))
                Fail("AppArmor", $"metadata.annotations[{name}]", value);
        // Baseline, "Sysctls".
        foreach (var (sysctl, i) in (podContext?["sysctls"] as JsonArray ?? []).Select((s, i) => (s, i)))
            if (!SafeSysctls.Contains(Text(sysctl?["name"]))) Fail("Sysctls", $"spec.securityContext.sysctls[{i}].name", sysctl?["name"]);
        // Restricted, "Volume Types" (Baseline's "HostPath Volumes" among them).
        foreach (var (volume, i) in (spec["volumes"] as JsonArray ?? []).Select((v, i) => (v!.AsObject(), i)))
            if (!volume.Any(field => AllowedVolumeSources.Contains(field.Key) && field.Value is not null))
                Fail("Volume Types", $"spec.volumes[{i}]", new JsonArray(volume.Select(f => (JsonNode?)f.Key).ToArray()));
        return violations;
    }

    /// <summary>The pod's security context and each container's, with their paths.</summary>
    static IEnumerable<(string Path, JsonObject? Context)> Contexts(JsonObject? pod, IEnumerable<(string Path, JsonObject Container)> containers) =>
        [("spec.securityContext", pod), .. containers.Select(c => ($"{c.Path}.securityContext", c.Container["securityContext"] as JsonObject))];

    static string? Text(JsonNode? node) => node is JsonValue value ? value.ToString() : null;
}
