namespace GradRetentionNet.Deployment.Tests.Validation;

/// <summary>
/// Every manifest this repository ships, against the Kubernetes API's schemas and the CRDs of the
/// Prometheus operator and cert-manager (validate-manifests.mjs, offline): the chart under the value
/// matrix and deploy/k8s. And the validator itself, on manifests it must reject.
/// </summary>
public sealed class ManifestValidationTests
{
    [Fact]
    public void Every_rendered_manifest_fits_the_kubernetes_and_crd_schemas()
    {
        var streams = ChartMatrix.Rendered.ToDictionary(r => $"chart-{r.Key}", r => r.Value);
        streams["deploy-k8s"] = KustomizeDriftTests.Build();

        var run = ManifestValidator.Validate(streams);

        run.ExitCode.Should().Be(0, run.ToString());
        var kinds = ChartMatrix.Manifests.Values.SelectMany(m => m.All).Select(m => (string?)m["kind"]).ToHashSet();
        kinds.Should().Contain(["StatefulSet", "DaemonSet", "Job", "NetworkPolicy", "Certificate", "PodMonitor", "PrometheusRule", "ConfigMap", "PodDisruptionBudget", "ServiceAccount"],
            "the matrix renders every kind the chart has, so each is validated");
        run.Output.Should().MatchRegex(@"validated \d+ documents from 9 files: 0 problems");
    }

    [Fact]
    public void The_validator_rejects_misspelt_fields_wrong_types_missing_fields_and_unknown_kinds_naming_each()
    {
        var run = ManifestValidator.Validate(new Dictionary<string, string>
        {
            ["broken"] = """
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: {name: misspelt}
                spec:
                  serviceName: s
                  selector: {matchLabels: {app: a}}
                  template:
                    metadata: {labels: {app: a}}
                    spec:
                      containers:
                        - name: silo
                          image: x
                          imagePullPolcy: Always
                          resources: {limits: {memory: 16Gi}}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: wrong-type}
                spec:
                  ports: [{name: http, port: "eighty"}]
                ---
                apiVersion: batch/v1
                kind: Job
                metadata: {name: missing}
                spec:
                  backoffLimit: 2
                ---
                apiVersion: monitoring.coreos.com/v1
                kind: PodMonitor
                metadata: {name: crd-field}
                spec:
                  selector: {}
                  podMetricsEndpoints: [{port: http, intervl: 15s}]
                ---
                apiVersion: cert-manager.io/v1
                kind: Certificate
                metadata: {name: no-issuer}
                spec: {secretName: s, dnsNames: [a]}
                ---
                apiVersion: v1
                kind: Servce
                metadata: {name: unknown-kind}
                """,
            ["fine"] = """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: fine}
                data: {a: b}
                """,
        });

        run.ExitCode.Should().Be(1, run.ToString());
        var lines = run.Output.Split('\n');
        lines.Should().Contain(l => l.StartsWith("broken: StatefulSet misspelt: spec.template.spec.containers[0].imagePullPolcy: unknown field", StringComparison.Ordinal));
        lines.Should().Contain(l => l.StartsWith("broken: Service wrong-type: spec.ports[0].port: must be integer", StringComparison.Ordinal));
        lines.Should().Contain(l => l.StartsWith("broken: Job missing: spec: must have required property template", StringComparison.Ordinal));
        lines.Should().Contain(l => l.StartsWith("broken: PodMonitor crd-field: spec.podMetricsEndpoints[0].intervl: unknown field", StringComparison.Ordinal));
        lines.Should().Contain(l => l.StartsWith("broken: Certificate no-issuer: spec: must have required property issuerRef", StringComparison.Ordinal));
        lines.Should().Contain(l => l.StartsWith("broken: Servce unknown-kind: apiVersion: no schema for apiVersion v1 kind Servce", StringComparison.Ordinal));
        lines.Should().NotContain(l => l.StartsWith("fine:", StringComparison.Ordinal), "a valid manifest gets no complaint");
    }
}
