using System.Diagnostics.Metrics;
using GradRetentionNet.Observability.Gpu;

namespace GradRetentionNet.Observability;

/// <summary>
/// The silo's instruments on the "GradRetentionNet" meter, named so that OpenTelemetry's Prometheus
/// exporter prints exactly the names of grafana/README.md (it turns dots into underscores, appends
/// the unit — s → _seconds, By → _bytes — and _total to counters). Every measurement carries <c>silo</c>.
/// </summary>
public sealed class SiloMetrics : IDisposable
{
    public const string MeterName = "GradRetentionNet";

    Func<SlotUsage>? slots;

    /// <param name="meter">Created by the host's <see cref="IMeterFactory"/>, so each silo of a process has its own.</param>
    /// <param name="silo">The silo's name, the <c>silo</c> label of every series.</param>
    /// <param name="gpus">NVML's devices, or null where there is no NVML or no GPU: the GPU series are then absent.</param>
    public SiloMetrics(Meter meter, string silo, NvmlGpus? gpus = null)
    {
        Meter = meter;
        Silo = new("silo", silo);
        Gpus = gpus;
        Jobs = new JobMetrics(meter, Silo);
        Sweeps = new SweepMetrics(meter, Silo);

        meter.CreateObservableGauge("grn.slots.total", () => SlotGauge(u => u.Total), description: "training slots this silo advertises");
        meter.CreateObservableGauge("grn.slots.busy", () => SlotGauge(u => u.Busy), description: "slots training a job now");
        meter.CreateObservableGauge("grn.jobs.queued", () => SlotGauge(u => u.Queued), description: "jobs handed to this silo and waiting for a slot");
        meter.CreateObservableGauge("grn.process.memory", () => new Measurement<long>(Environment.WorkingSet, Silo), "By", "the silo process's working set");
        if (gpus is not null) GpuGauges.Register(meter, Silo, gpus);
    }

    public Meter Meter { get; }

    /// <summary>The <c>silo</c> label.</summary>
    public KeyValuePair<string, object?> Silo { get; }

    /// <summary>NVML's view of this machine's GPUs, null without one.</summary>
    public NvmlGpus? Gpus { get; }

    /// <summary>Running jobs (per-job gauges), job outcomes and durations.</summary>
    public JobMetrics Jobs { get; }

    /// <summary>What sweep coordinators publish: job counts per state, retries.</summary>
    public SweepMetrics Sweeps { get; }

    /// <summary>Where the slot gauges read from (the silo's job runner); before this call they report nothing.</summary>
    public void ObserveSlots(Func<SlotUsage> usage) => slots = usage;

    IEnumerable<Measurement<int>> SlotGauge(Func<SlotUsage, int> value)
    {
        if (slots is not { } read) yield break;
        yield return new Measurement<int>(value(read()), Silo);
    }

    public void Dispose() => Gpus?.Dispose();
}
