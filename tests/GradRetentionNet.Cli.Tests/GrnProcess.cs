using System.Diagnostics;

namespace GradRetentionNet.Cli.Tests;

/// <summary>Runs the real grn executable built beside the tests, as a user would.</summary>
internal static class GrnProcess
{
    public static (int ExitCode, string Output, string Error) Run(params string[] arguments) =>
        RunWith(new Dictionary<string, string>(), arguments);

    /// <summary>Runs grn with <paramref name="environment"/> added to this process's environment.</summary>
    public static (int ExitCode, string Output, string Error) RunWith(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in environment) start.Environment[name] = value;
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "grn.dll"));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"grn {string.Join(' ', arguments)} did not finish in 3 minutes");
        }
        return (process.ExitCode, output.Result, error.Result);
    }
}
