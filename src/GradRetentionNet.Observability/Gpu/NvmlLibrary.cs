using System.Runtime.InteropServices;
using System.Text;

namespace GradRetentionNet.Observability.Gpu;

/// <summary>
/// The few NVML functions the metrics need, bound at run time from <c>libnvidia-ml.so.1</c> (the
/// driver installs it; it is absent on machines without an NVIDIA driver). Loading by path instead
/// of a fixed DllImport lets a missing library be an ordinary answer, and lets tests bind a stand-in.
/// </summary>
internal sealed unsafe class NvmlLibrary : IDisposable
{
    public const string DefaultPath = "libnvidia-ml.so.1";

    /// <summary>NVML_DEVICE_NAME_V2_BUFFER_SIZE: the largest name NVML writes, its NUL included.</summary>
    internal const int NameBufferSize = 96;

    readonly nint handle;
    readonly delegate* unmanaged<NvmlReturn> shutdown;
    readonly delegate* unmanaged<uint*, NvmlReturn> getCount;
    readonly delegate* unmanaged<uint, nint*, NvmlReturn> getHandle;
    readonly delegate* unmanaged<nint, byte*, uint, NvmlReturn> getName;
    readonly delegate* unmanaged<nint, NvmlMemory*, NvmlReturn> getMemory;
    readonly delegate* unmanaged<nint, NvmlUtilization*, NvmlReturn> getUtilization;
    bool disposed;

    NvmlLibrary(nint handle)
    {
        this.handle = handle;
        shutdown = (delegate* unmanaged<NvmlReturn>)Export("nvmlShutdown");
        getCount = (delegate* unmanaged<uint*, NvmlReturn>)Export("nvmlDeviceGetCount_v2");
        getHandle = (delegate* unmanaged<uint, nint*, NvmlReturn>)Export("nvmlDeviceGetHandleByIndex_v2");
        getName = (delegate* unmanaged<nint, byte*, uint, NvmlReturn>)Export("nvmlDeviceGetName");
        getMemory = (delegate* unmanaged<nint, NvmlMemory*, NvmlReturn>)Export("nvmlDeviceGetMemoryInfo");
        getUtilization = (delegate* unmanaged<nint, NvmlUtilization*, NvmlReturn>)Export("nvmlDeviceGetUtilizationRates");
        var init = (delegate* unmanaged<NvmlReturn>)Export("nvmlInit_v2");
        Check("nvmlInit_v2", init());
    }

    /// <summary>Loads and initialises NVML; null with the reason when the library is missing or refuses.</summary>
    public static NvmlLibrary? TryOpen(string path, out string whyNot)
    {
        if (!NativeLibrary.TryLoad(path, out var handle))
        {
            whyNot = $"{path} not found (no NVIDIA driver on this machine)";
            return null;
        }
        try
        {
            whyNot = "";
            return new NvmlLibrary(handle);
        }
        catch (Exception e) when (e is NvmlException or EntryPointNotFoundException)
        {
            NativeLibrary.Free(handle);
            whyNot = $"{path}: {e.Message}";
            return null;
        }
    }

    public int DeviceCount()
    {
        uint count;
        Check("nvmlDeviceGetCount_v2", getCount(&count));
        return checked((int)count);
    }

    public nint Device(int index)
    {
        nint device;
        Check("nvmlDeviceGetHandleByIndex_v2", getHandle(checked((uint)index), &device));
        return device;
    }

    public string Name(nint device)
    {
        var buffer = stackalloc byte[NameBufferSize];
        Check("nvmlDeviceGetName", getName(device, buffer, NameBufferSize));
        return DecodeName(new ReadOnlySpan<byte>(buffer, NameBufferSize));
    }

    public NvmlMemory Memory(nint device)
    {
        NvmlMemory memory;
        Check("nvmlDeviceGetMemoryInfo", getMemory(device, &memory));
        return memory;
    }

    public NvmlUtilization Utilization(nint device)
    {
        NvmlUtilization utilization;
        Check("nvmlDeviceGetUtilizationRates", getUtilization(device, &utilization));
        return utilization;
    }

    /// <summary>A NUL-terminated C string in a fixed buffer (a name that fills it has no NUL).</summary>
    internal static string DecodeName(ReadOnlySpan<byte> buffer)
    {
        var end = buffer.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? buffer : buffer[..end]);
    }

    nint Export(string name) => NativeLibrary.TryGetExport(handle, name, out var address)
        ? address
        : throw new EntryPointNotFoundException($"NVML has no {name} (driver too old?)");

    static void Check(string function, NvmlReturn code)
    {
        if (code != NvmlReturn.Success) throw new NvmlException(function, code);
    }

    /// <summary>
    /// Shuts NVML down but keeps the library mapped: a training thread may still be reading memory
    /// as the silo stops, and a call after nvmlShutdown merely returns Uninitialized, where a call
    /// into an unmapped library would crash the process.
    /// </summary>
    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        shutdown();
    }
}
