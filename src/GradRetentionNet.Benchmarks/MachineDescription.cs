using System.Reflection;
using System.Runtime.InteropServices;
using TorchSharp;

namespace GradRetentionNet.Benchmarks;

/// <summary>The machine and software a benchmark ran on, as its JSON records them.</summary>
/// <param name="LibTorch">libtorch's own version string, as TorchSharp reports it.</param>
public sealed record MachineDescription(
    string Cpu, int LogicalCores, double MemoryGiB, string Os, string Runtime, string Architecture, string TorchSharp, string LibTorch)
{
    public static MachineDescription Current() =>
        new(CpuModel(), Environment.ProcessorCount, MemoryGiBTotal(), OsName(), RuntimeInformation.FrameworkDescription,
            RuntimeInformation.ProcessArchitecture.ToString(),
            typeof(torch).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown",
            torch.__version__);

    /// <summary>The 1-, 5- and 15-minute load averages (Linux only; null elsewhere).</summary>
    public static string? LoadAverageNow() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : null;

    public override string ToString() =>
        $"{Cpu}, {LogicalCores} logical cores, {MemoryGiB:F0} GiB; {Os}; {Runtime}; TorchSharp {TorchSharp}, libtorch {LibTorch}";

    static string CpuModel() => ProcField("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString();

    static double MemoryGiBTotal()
    {
        // "MemTotal:  24567890 kB"
        var field = ProcField("/proc/meminfo", "MemTotal");
        return field is not null && long.TryParse(field.Split(' ')[0], out var kilobytes)
            ? kilobytes / (1024.0 * 1024.0)
            : GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024.0 * 1024.0);
    }

    static string OsName()
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
