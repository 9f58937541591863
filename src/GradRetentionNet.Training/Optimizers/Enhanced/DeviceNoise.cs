using TorchSharp;
using static TorchSharp.torch;

namespace GradRetentionNet.Training.Optimizers.Enhanced;

/// <summary>EnhancedSGD's noise on an accelerator: libtorch's generator on that device (Philox on CUDA), seeded from the job's seed.</summary>
internal sealed class DeviceNoise(long seed, Device device) : NoiseSource
{
    readonly Generator generator = new(unchecked((ulong)SeedStreams.Derive(seed, SeedStreams.Noise)), device);

    public override void Fill(Tensor target, double std) => target.normal_(0, std, generator: generator);

    /// <summary>The generator's state, after a count of states (1) so the CPU's source can tell it from its own.</summary>
    public override byte[] SaveState()
    {
        using var buffer = new MemoryStream();
        using var writer = new BinaryWriter(buffer);
        using var state = generator.get_state();
        var bytes = state.data<byte>().ToArray();
        writer.Write(1);
        writer.Write(bytes.Length);
        writer.Write(bytes);
        writer.Flush();
        return buffer.ToArray();
    }

    public override void LoadState(byte[] saved)
    {
        using var reader = new BinaryReader(new MemoryStream(saved));
        var streams = reader.ReadInt32();
        if (streams != 1)
            throw new InvalidDataException($"the saved noise state is not one device generator's ({(streams < 0 ? "it is the CPU's counter stream" : $"{streams} generators")}): resume on the kind of device that wrote it");
        using var state = torch.tensor(reader.ReadBytes(reader.ReadInt32()));
        generator.set_state(state);
    }

    public override void Dispose() => generator.Dispose();
}
