using System.Runtime.InteropServices;

namespace GradRetentionNet.Benchmarks.Orchestration;

/// <summary>
/// The machine a run was measured on. The load average is part of it: on a shared machine other
/// processes' work shows up as orchestration overhead.
/// </summary>
public sealed record MachineDescription(int Cores, string Cpu, string Os, string Runtime, string Architecture, string? LoadAverage)
{
    public static MachineDescription Current() =>
        new(Environment.ProcessorCount, CpuModel(), RuntimeInformation.OSDescription, RuntimeInformation.FrameworkDescription,
            RuntimeInformation.ProcessArchitecture.ToString(), LoadAverageNow());

    /// <summary>The 1-, 5- and 15-minute load averages (Linux only; null elsewhere).</summary>
    public static string? LoadAverageNow() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : null;

    static string CpuModel() =>
        File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown"
            : "unknown";
}
