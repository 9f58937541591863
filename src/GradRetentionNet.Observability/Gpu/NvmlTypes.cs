using System.Runtime.InteropServices;

namespace GradRetentionNet.Observability.Gpu;

/// <summary><c>nvmlReturn_t</c>: the codes NVML's functions return (nvml.h).</summary>
internal enum NvmlReturn
{
    Success = 0,
    Uninitialized = 1,
    InvalidArgument = 2,
    NotSupported = 3,
    NoPermission = 4,
    AlreadyInitialized = 5,
    NotFound = 6,
    InsufficientSize = 7,
    InsufficientPower = 8,
    DriverNotLoaded = 9,
    Timeout = 10,
    IrqIssue = 11,
    LibraryNotFound = 12,
    FunctionNotFound = 13,
    CorruptedInforom = 14,
    GpuIsLost = 15,
    ResetRequired = 16,
    OperatingSystem = 17,
    LibRmVersionMismatch = 18,
    InUse = 19,
    Memory = 20,
    NoData = 21,
    Unknown = 999,
}

/// <summary><c>nvmlMemory_t</c>: three <c>unsigned long long</c>, in bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct NvmlMemory
{
    public ulong Total;
    public ulong Free;
    public ulong Used;
}

/// <summary><c>nvmlUtilization_t</c>: two <c>unsigned int</c>, percent of the last sample period.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct NvmlUtilization
{
    public uint Gpu;
    public uint Memory;
}

/// <summary>A call into NVML that did not return NVML_SUCCESS.</summary>
internal sealed class NvmlException(string function, NvmlReturn code) : Exception($"{function} returned {code} ({(int)code})")
{
    public NvmlReturn Code { get; } = code;
}
