using TorchSharp;
using static TorchSharp.torch;

namespace GradRetentionNet.Training.Optimizers.Enhanced;

/// <summary>
/// Gaussian noise for EnhancedSGD from seeded generators on the parameters' device.
/// libtorch's CPU generator fills one tensor on one thread (about 1 ms per 400k floats), so
/// on the CPU large tensors are split into a fixed number of chunks, each drawn from its own
/// stream in parallel. The split depends only on the tensor's size, never on the machine, so
/// a seed gives the same noise everywhere.
/// </summary>
internal sealed class NoiseSource : IDisposable
{
    const int CpuStreams = 4;
    const long ParallelThreshold = 1 << 16;

    readonly Generator[] generators;

    public NoiseSource(long seed, Device device)
    {
        var streams = device.type == DeviceType.CPU ? CpuStreams : 1;
        generators = Enumerable.Range(0, streams)
            .Select(stream => new Generator(unchecked((ulong)SeedStreams.Derive(seed, SeedStreams.Noise + (ulong)stream)), device))
            .ToArray();
    }

    /// <summary>Overwrites <paramref name="target"/> (contiguous) with N(0, std²) samples.</summary>
    public void Fill(Tensor target, double std)
    {
        var elements = target.numel();
        if (generators.Length == 1 || elements < ParallelThreshold)
        {
            target.normal_(0, std, generator: generators[0]);
            return;
        }

        using var flat = target.view(-1);
        var chunk = (elements + generators.Length - 1) / generators.Length;
        Parallel.For(0, generators.Length, stream =>
        {
            var start = stream * chunk;
            if (start >= elements) return;
            // Created on a worker thread, outside any dispose scope: disposed here.
            using var part = flat.narrow(0, start, Math.Min(chunk, elements - start));
            part.normal_(0, std, generator: generators[stream]);
        });
    }

    /// <summary>Every stream's generator state, for checkpoints.</summary>
    public byte[] SaveState()
    {
        using var buffer = new MemoryStream();
        using var writer = new BinaryWriter(buffer);
        writer.Write(generators.Length);
        foreach (var generator in generators)
        {
            using var state = generator.get_state();
            var bytes = state.data<byte>().ToArray();
            writer.Write(bytes.Length);
            writer.Write(bytes);
        }
        writer.Flush();
        return buffer.ToArray();
    }

    /// <summary>Restores what <see cref="SaveState"/> wrote (on the same kind of device).</summary>
    public void LoadState(byte[] saved)
    {
        using var reader = new BinaryReader(new MemoryStream(saved));
        var streams = reader.ReadInt32();
        if (streams != generators.Length)
            throw new InvalidDataException($"saved noise state has {streams} streams; this device uses {generators.Length} (resume on the same kind of device)");
        foreach (var generator in generators)
        {
            using var state = torch.tensor(reader.ReadBytes(reader.ReadInt32()));
            generator.set_state(state);
        }
    }

    public void Dispose()
    {
        foreach (var generator in generators) generator.Dispose();
    }
}
