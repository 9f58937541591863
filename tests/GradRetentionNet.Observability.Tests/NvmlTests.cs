using System.Diagnostics.Metrics;
using System.Runtime.InteropServices;
using System.Text;
using GradRetentionNet.Observability.Gpu;
using GradRetentionNet.Observability.Tests.FakeNvml;
using Microsoft.Extensions.Logging;

namespace GradRetentionNet.Observability.Tests;

public sealed class NvmlTests : IDisposable
{
    readonly string folder = Directory.CreateTempSubdirectory("grn-nvml-").FullName;
    readonly ListLogger logger = new();

    [Fact]
    public void The_structs_have_nvml_h_layouts()
    {
        Marshal.SizeOf<NvmlMemory>().Should().Be(24);
        Marshal.OffsetOf<NvmlMemory>(nameof(NvmlMemory.Total)).Should().Be(0);
        Marshal.OffsetOf<NvmlMemory>(nameof(NvmlMemory.Free)).Should().Be(8);
        Marshal.OffsetOf<NvmlMemory>(nameof(NvmlMemory.Used)).Should().Be(16);
        Marshal.SizeOf<NvmlUtilization>().Should().Be(8);
        Marshal.OffsetOf<NvmlUtilization>(nameof(NvmlUtilization.Gpu)).Should().Be(0);
        Marshal.OffsetOf<NvmlUtilization>(nameof(NvmlUtilization.Memory)).Should().Be(4);
    }

    [Fact]
    public void A_name_ends_at_its_nul_or_at_the_end_of_a_full_buffer()
    {
        var buffer = new byte[NvmlLibrary.NameBufferSize];
        Encoding.UTF8.GetBytes("NVIDIA H100").CopyTo(buffer, 0);
        buffer[20] = (byte)'x'; // garbage after the terminator is not part of the name
        NvmlLibrary.DecodeName(buffer).Should().Be("NVIDIA H100");
        NvmlLibrary.DecodeName(Enumerable.Repeat((byte)'A', NvmlLibrary.NameBufferSize).ToArray()).Should().HaveLength(NvmlLibrary.NameBufferSize);
    }

    [Fact]
    public void Without_the_library_there_are_no_gpu_series_and_one_information_line()
    {
        // The default library name is what a silo uses; this machine (like CI) has no NVIDIA driver.
        var gpus = NvmlGpus.Open(logger, "/nonexistent/libnvidia-ml.so.1");
        gpus.Should().BeNull();
        logger.Lines.Should().ContainSingle().Which.Should().Be((LogLevel.Information,
            "No GPU metrics: /nonexistent/libnvidia-ml.so.1 not found (no NVIDIA driver on this machine)"));

        using var meter = new Meter(SiloMetrics.MeterName);
        var published = new List<string>();
        using var listener = new MeterListener { InstrumentPublished = (i, _) => { if (i.Meter == meter) published.Add(i.Name); } };
        listener.Start();
        using var metrics = new SiloMetrics(meter, "silo-1", gpus);
        published.Should().Contain("grn.slots.total").And.NotContain(name => name.StartsWith("grn.gpu"));
    }

    [Fact]
    public void On_this_machine_the_real_library_is_absent_and_said_so_once()
    {
        if (NativeLibrary.TryLoad(NvmlLibrary.DefaultPath, out var handle))
        {
            // A machine with a driver: the other path is the one to check here.
            NativeLibrary.Free(handle);
            using var present = NvmlGpus.Open(logger);
            present.Should().NotBeNull();
            return;
        }
        NvmlGpus.Open(logger).Should().BeNull();
        logger.Lines.Should().ContainSingle().Which.Message.Should().StartWith("No GPU metrics: libnvidia-ml.so.1 not found");
    }

    [Fact]
    public void A_library_that_will_not_initialise_or_finds_no_gpu_gives_no_gpus_and_one_line_each()
    {
        NvmlGpus.Open(logger, FakeNvmlLibrary.Build(folder, initResult: 9)).Should().BeNull();
        NvmlGpus.Open(logger, FakeNvmlLibrary.Build(folder, devices: 0)).Should().BeNull();

        logger.Lines.Select(l => l.Level).Should().Equal(LogLevel.Information, LogLevel.Information);
        logger.Lines[0].Message.Should().EndWith("nvmlInit_v2 returned DriverNotLoaded (9)");
        logger.Lines[1].Message.Should().Be("No GPU metrics: NVML found no GPU");
    }

    [Fact]
    public void Through_the_real_binding_devices_names_memory_and_utilisation_are_read()
    {
        using var gpus = NvmlGpus.Open(logger, FakeNvmlLibrary.Build(folder))!;

        gpus.Should().NotBeNull();
        gpus.Devices.Should().Equal(new GpuDevice(0, "NVIDIA H100 80GB HBM3"), new GpuDevice(1, "NVIDIA H200"));
        gpus.Memory(0).Should().Be(new GpuMemory(5_368_709_120, 85_899_345_920));
        gpus.Memory(1).Should().Be(new GpuMemory(5_368_709_121, 85_899_345_921));
        gpus.Memory(2).Should().BeNull("there is no third device");
        gpus.Utilization(0).Should().Be(0.37);
        gpus.Utilization(1).Should().BeNull("the board does not support it: no sample rather than an error");
        logger.Lines.Should().ContainSingle().Which.Message.Should().Be("GPU metrics from NVML: 0: NVIDIA H100 80GB HBM3, 1: NVIDIA H200");

        using var meter = new Meter(SiloMetrics.MeterName);
        using var recorder = new MeasurementRecorder(meter);
        using var metrics = new SiloMetrics(meter, "silo-1", gpus);
        var gpu = recorder.Observe().Where(r => r.Instrument.StartsWith("grn.gpu")).ToList();
        gpu.Select(r => (r.Instrument, r["device"], r["gpu"], r.Value)).Should().BeEquivalentTo([
            ("grn.gpu.memory.used", "0", "NVIDIA H100 80GB HBM3", 5_368_709_120.0),
            ("grn.gpu.memory.used", "1", "NVIDIA H200", 5_368_709_121.0),
            ("grn.gpu.memory.total", "0", "NVIDIA H100 80GB HBM3", 85_899_345_920.0),
            ("grn.gpu.memory.total", "1", "NVIDIA H200", 85_899_345_921.0),
            ("grn.gpu.utilization.ratio", "0", "NVIDIA H100 80GB HBM3", 0.37)]);
        gpu.Should().OnlyContain(r => r["silo"] == "silo-1" && r.Tags.Count == 3);

        // The silo stopping while a job still reads: NVML is shut down, the call answers, nothing crashes.
        gpus.Dispose();
        gpus.Memory(0).Should().BeNull();
        recorder.Observe().Where(r => r.Instrument.StartsWith("grn.gpu")).Should().BeEmpty();
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
