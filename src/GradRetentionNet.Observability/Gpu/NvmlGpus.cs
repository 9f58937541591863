using Microsoft.Extensions.Logging;

namespace GradRetentionNet.Observability.Gpu;

/// <summary>One GPU as NVML numbers and names it.</summary>
public sealed record GpuDevice(int Index, string Name);

/// <summary>A GPU's memory, in bytes (the whole device: every process on it).</summary>
public readonly record struct GpuMemory(long UsedBytes, long TotalBytes);

/// <summary>
/// This machine's NVIDIA GPUs through NVML: found once at start, then read on demand (each read
/// is a driver call of microseconds). A reading that fails is skipped, not thrown.
/// </summary>
public sealed class NvmlGpus : IDisposable
{
    readonly NvmlLibrary library;
    readonly nint[] handles;

    NvmlGpus(NvmlLibrary library, nint[] handles, IReadOnlyList<GpuDevice> devices)
    {
        this.library = library;
        this.handles = handles;
        Devices = devices;
    }

    public IReadOnlyList<GpuDevice> Devices { get; }

    /// <summary>
    /// NVML's GPUs, or null — after one informational log line saying why — where the library is
    /// missing, does not initialise or finds no device: the GPU series are then simply absent.
    /// </summary>
    public static NvmlGpus? Open(ILogger logger, string libraryPath = NvmlLibrary.DefaultPath)
    {
        var library = NvmlLibrary.TryOpen(libraryPath, out var whyNot);
        if (library is null)
        {
            logger.LogInformation("No GPU metrics: {Reason}", whyNot);
            return null;
        }
        try
        {
            var count = library.DeviceCount();
            if (count == 0)
            {
                logger.LogInformation("No GPU metrics: NVML found no GPU");
                library.Dispose();
                return null;
            }
            var handles = Enumerable.Range(0, count).Select(library.Device).ToArray();
            var devices = handles.Select((h, i) => new GpuDevice(i, library.Name(h))).ToArray();
            logger.LogInformation("GPU metrics from NVML: {Devices}", string.Join(", ", devices.Select(d => $"{d.Index}: {d.Name}")));
            return new NvmlGpus(library, handles, devices);
        }
        catch (NvmlException e)
        {
            logger.LogInformation("No GPU metrics: {Reason}", e.Message);
            library.Dispose();
            return null;
        }
    }

    public GpuMemory? Memory(int index) => Read(index, h =>
    {
        var memory = library.Memory(h);
        return new GpuMemory(checked((long)memory.Used), checked((long)memory.Total));
    });

    /// <summary>Fraction of the last sample period in which a kernel ran, 0–1.</summary>
    public double? Utilization(int index) => Read(index, h => library.Utilization(h).Gpu / 100.0);

    T? Read<T>(int index, Func<nint, T> read) where T : struct
    {
        if (index < 0 || index >= handles.Length) return null;
        try
        {
            return read(handles[index]);
        }
        catch (NvmlException)
        {
            return null; // e.g. utilisation not supported on this board: no sample this time
        }
    }

    public void Dispose() => library.Dispose();
}
