using System.Diagnostics;

namespace GradRetentionNet.Observability.Tests.FakeNvml;

/// <summary>Compiles fake_nvml.c with the system C compiler into a shared library for one test.</summary>
internal static class FakeNvmlLibrary
{
    public static string Build(string folder, int devices = 2, int initResult = 0)
    {
        var output = Path.Combine(folder, $"libfake-nvml-{devices}-{initResult}.so");
        var start = new ProcessStartInfo("cc") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "-shared", "-fPIC", "-O1", $"-DFAKE_DEVICES={devices}", $"-DFAKE_INIT_RESULT={initResult}",
                     "-o", output, Path.Combine(AppContext.BaseDirectory, "FakeNvml", "fake_nvml.c") })
            start.ArgumentList.Add(argument);
        using var compiler = Process.Start(start) ?? throw new InvalidOperationException("cc did not start (install build-essential)");
        var errors = compiler.StandardError.ReadToEnd();
        compiler.WaitForExit();
        if (compiler.ExitCode != 0) throw new InvalidOperationException($"cc failed: {errors}");
        return output;
    }
}
