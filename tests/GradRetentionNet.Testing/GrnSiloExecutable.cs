using System.Diagnostics;

namespace GradRetentionNet.Testing;

/// <summary>
/// How a test launches the real grn-silo: the grn-silo.dll that a ProjectReference on
/// src/GradRetentionNet.Silo copies into the test's own output folder, run with `dotnet`.
/// </summary>
static class GrnSiloExecutable
{
    public static ProcessStartInfo StartInfo(IReadOnlyDictionary<string, string> environment, IEnumerable<string> arguments)
    {
        // The working directory is the silo's content root: it reads the appsettings.json beside
        // grn-silo.dll (log levels, defaults) wherever the test runner happens to start.
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "grn-silo.dll"));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment) start.Environment[name] = value;
        return start;
    }
}
