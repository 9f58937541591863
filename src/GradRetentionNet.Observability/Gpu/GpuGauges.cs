using System.Diagnostics.Metrics;

namespace GradRetentionNet.Observability.Gpu;

/// <summary>grn_gpu_memory_used_bytes, grn_gpu_memory_total_bytes and grn_gpu_utilization_ratio, per device.</summary>
internal static class GpuGauges
{
    public static void Register(Meter meter, KeyValuePair<string, object?> silo, NvmlGpus gpus)
    {
        meter.CreateObservableGauge("grn.gpu.memory.used", () => Each(gpus, silo, d => gpus.Memory(d.Index)?.UsedBytes), "By", "GPU memory in use (NVML)");
        meter.CreateObservableGauge("grn.gpu.memory.total", () => Each(gpus, silo, d => gpus.Memory(d.Index)?.TotalBytes), "By", "GPU memory size (NVML)");
        meter.CreateObservableGauge("grn.gpu.utilization.ratio", () => Each(gpus, silo, d => gpus.Utilization(d.Index)), description: "GPU busy fraction 0-1 (NVML)");
    }

    static IEnumerable<Measurement<T>> Each<T>(NvmlGpus gpus, KeyValuePair<string, object?> silo, Func<GpuDevice, T?> read) where T : struct
    {
        foreach (var device in gpus.Devices)
            if (read(device) is { } value)
                yield return new Measurement<T>(value, silo, new("device", device.Index.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("gpu", device.Name));
    }
}
