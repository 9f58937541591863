using System.Runtime.InteropServices;
using GradRetentionNet.Reporting.Markdown;

namespace GradRetentionNet.Cli;

/// <summary>
/// This machine as the results page describes where it was generated: CPU model, logical cores,
/// memory and operating system, read as the benchmarks' MachineDescription reads them (Linux's
/// /proc and /etc/os-release, with .NET's own description elsewhere).
/// </summary>
internal static class HostMachine
{
    public static MachineFacts Describe() => new(CpuModel(), Environment.ProcessorCount, MemoryGiB(), OperatingSystem());

    static string CpuModel() => ProcField("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString();

    static double MemoryGiB()
    {
        // "MemTotal:  24567890 kB"
        var field = ProcField("/proc/meminfo", "MemTotal");
        return field is not null && long.TryParse(field.Split(' ')[0], out var kilobytes)
            ? kilobytes / (1024.0 * 1024.0)
            : GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024.0 * 1024.0);
    }

    static string OperatingSystem()
    {
        var pretty = File.Exists("/etc/os-release")
            ? File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?.Split('=', 2)[1].Trim('"')
            : null;
        var kernel = File.Exists("/proc/sys/kernel/osrelease") ? File.ReadAllText("/proc/sys/kernel/osrelease").Trim() : null;
        return pretty is null || kernel is null ? RuntimeInformation.OSDescription : $"{pretty}, Linux {kernel}";
    }

    static string? ProcField(string path, string name) =>
        File.Exists(path)
            ? File.ReadLines(path).FirstOrDefault(l => l.StartsWith(name, StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
}
