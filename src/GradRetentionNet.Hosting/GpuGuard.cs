using GradRetentionNet.Training.Jobs;

namespace GradRetentionNet.Silo;

/// <summary>
/// A silo told it has GPUs checks that CUDA can serve them before it takes work: otherwise every job
/// it is handed fails on its device, one by one, each failure charged to the sweep.
/// </summary>
public static class GpuGuard
{
    /// <summary>The GPUs to train on: Silo:Gpus once CUDA is known to serve that many; unset, the devices CUDA shows.</summary>
    /// <exception cref="SiloConfigurationException">Silo:Gpus asks for more than <paramref name="cuda"/> offers.</exception>
    public static int Resolve(int? configured, Func<CudaBackend> cuda)
    {
        if (configured is 0) return 0;
        var backend = cuda();
        if (configured is not { } wanted) return backend.Devices;
        if (!backend.LibrariesPresent)
            throw new SiloConfigurationException($"Silo:Gpus is {wanted}, but this is the CPU build of grn-silo (it has no libtorch CUDA libraries): run the CUDA image flavour (the image tag ending in -cuda, deploy/docker/silo-cuda.Dockerfile) or set Silo:Gpus to 0");
        if (backend.Devices == 0)
            throw new SiloConfigurationException($"Silo:Gpus is {wanted}, but CUDA sees no GPU in this container: run it on a GPU node with the NVIDIA container runtime (the chart's silo.runtimeClassName) and a nvidia.com/gpu limit, or set Silo:Gpus to 0");
        if (backend.Devices < wanted)
            throw new SiloConfigurationException($"Silo:Gpus is {wanted}, but CUDA sees {backend.Devices} GPU(s) here: set Silo:Gpus to {backend.Devices} (or leave it unset to count them), or give the pod {wanted} GPUs");
        return wanted;
    }
}
