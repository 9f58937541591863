using GradRetentionNet.Testing;

namespace GradRetentionNet.Deployment.Tests.Validation;

/// <summary>
/// validate-manifests.mjs beside this file: every document of the given YAML streams against the
/// Kubernetes API's schemas and the Prometheus operator's and cert-manager's CRDs, offline, in one
/// node process (a second or two to load the compiler, whatever the number of documents).
/// </summary>
public static class ManifestValidator
{
    public const string Script = "tests/GradRetentionNet.Deployment.Tests/Validation/validate-manifests.mjs";

    static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>Validates each stream (label to YAML); the run's output has one line per problem, "label: Kind name: path: message".</summary>
    public static ToolRun Validate(IReadOnlyDictionary<string, string> streams)
    {
        using var folder = new TemporaryFolder("grn-manifests-");
        var inputs = streams.Select(stream =>
        {
            var file = folder.File($"{stream.Key}.yaml");
            File.WriteAllText(file, stream.Value);
            return $"{stream.Key}={file}";
        }).ToList();
        return ToolRun.Start("node", [Repository.Path(Script), DeploymentTools.SchemaModules, .. inputs], Repository.Root, Timeout);
    }
}
