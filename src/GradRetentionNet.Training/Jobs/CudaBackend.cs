using System.Runtime.InteropServices;
using TorchSharp;

namespace GradRetentionNet.Training.Jobs;

/// <summary>What this process's libtorch offers on CUDA: its CUDA libraries, and the devices they see.</summary>
/// <param name="LibrariesPresent">libtorch's CUDA library loads (false in the CPU build, whose packages carry none).</param>
/// <param name="Devices">CUDA devices usable by this process.</param>
public sealed record CudaBackend(bool LibrariesPresent, int Devices)
{
    /// <summary>Asks libtorch (and the driver) now. Loads the CUDA libraries when they are there.</summary>
    public static CudaBackend Probe()
    {
        var devices = DeviceSelector.CudaDeviceCount();
        // The two answers need different fixes: the CPU build has no libtorch_cuda at all (run the
        // CUDA image), while a CUDA build that sees no device lacks the GPU itself (the node, the
        // container runtime, the pod's GPU limit).
        var libraries = devices > 0 || NativeLibrary.TryLoad("torch_cuda", typeof(torch).Assembly, null, out _);
        return new CudaBackend(libraries, devices);
    }
}
