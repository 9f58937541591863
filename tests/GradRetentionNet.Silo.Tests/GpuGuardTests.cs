using GradRetentionNet.Grains;
using GradRetentionNet.Testing;
using GradRetentionNet.Training.Jobs;

namespace GradRetentionNet.Silo.Tests;

/// <summary>A silo told it has GPUs refuses to start unless CUDA serves that many.</summary>
public sealed class GpuGuardTests : IDisposable
{
    readonly string folder = Directory.CreateTempSubdirectory("grn-silo-gpus-").FullName;

    [Fact]
    public void Gpus_zero_trains_on_the_cpu_without_asking_cuda() =>
        GpuGuard.Resolve(0, () => throw new InvalidOperationException("CUDA must not be probed")).Should().Be(0);

    [Theory]
    [InlineData(false, 0, 0)]
    [InlineData(true, 0, 0)]
    [InlineData(true, 4, 4)]
    public void Gpus_unset_counts_the_devices_cuda_sees(bool libraries, int devices, int expected) =>
        GpuGuard.Resolve(null, () => new CudaBackend(libraries, devices)).Should().Be(expected);

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 8)]
    public void Gpus_that_cuda_serves_are_taken_as_given(int wanted, int devices) =>
        GpuGuard.Resolve(wanted, () => new CudaBackend(true, devices)).Should().Be(wanted);

    [Theory]
    [InlineData(false, 0, "Silo:Gpus is 8, but this is the CPU build of grn-silo*run the CUDA image flavour (the image tag ending in -cuda*or set Silo:Gpus to 0")]
    [InlineData(true, 0, "Silo:Gpus is 8, but CUDA sees no GPU in this container: run it on a GPU node with the NVIDIA container runtime*")]
    [InlineData(true, 2, "Silo:Gpus is 8, but CUDA sees 2 GPU(s) here: set Silo:Gpus to 2*")]
    public void Gpus_that_cuda_cannot_serve_are_refused_in_one_line(bool libraries, int devices, string message)
    {
        var resolve = () => GpuGuard.Resolve(8, () => new CudaBackend(libraries, devices));

        resolve.Should().Throw<SiloConfigurationException>().WithMessage(message).Which.Message.Should().NotContain("\n");
    }

    [Fact]
    public void The_cpu_build_of_grn_silo_told_it_has_gpus_exits_2_naming_the_cuda_image()
    {
        var environment = SiloProcess.Settings(folder, "token", FreePorts.Next());
        environment["GRN_Silo__Gpus"] = "8";

        var (exitCode, output, error) = GrnSiloProcess.Run(environment);

        exitCode.Should().Be(2, "grn-silo printed:\n{0}{1}", output, error);
        error.TrimEnd('\n').Should().NotContain("\n").And.Match("error: Silo:Gpus is 8, but this is the CPU build of grn-silo*-cuda*");
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
