using GradRetentionNet.Training.Optimizers.Cpu;
using GradRetentionNet.Training.Optimizers.Enhanced.Cpu;
using TorchSharp;
using static TorchSharp.torch;

namespace GradRetentionNet.Training.Optimizers.Enhanced;

/// <summary>
/// EnhancedSGD's noise: a <see cref="CounterGaussian"/> stream keyed by the job's seed, drawn by
/// the CPU kernel for host tensors and by libtorch operations on an accelerator
/// (<see cref="CounterGaussianOps"/>). Its whole state is the next unused word; each tensor takes
/// whole blocks from it, so the numbers a tensor gets depend only on the seed and the tensors drawn
/// before it, never on the machine, its thread count or the kind of device.
/// </summary>
internal sealed class CounterNoise(long seed)
{
    /// <summary>Marks this stream's saved state: never a count of generator states, which builds before the counter noise wrote first.</summary>
    const int Format = -1;

    long nextWord;

    public ulong Key { get; } = unchecked((ulong)SeedStreams.Derive(seed, SeedStreams.Noise));

    /// <summary>Takes the words for <paramref name="elements"/> normals; returns the first.</summary>
    public long Reserve(long elements)
    {
        var first = nextWord;
        nextWord += CounterGaussian.WordsFor(elements);
        return first;
    }

    /// <summary>Overwrites <paramref name="target"/> with N(0, std²) samples, on its device.</summary>
    public void Fill(Tensor target, double std)
    {
        var word = Reserve(target.numel());
        if (target.device.type != DeviceType.CPU)
        {
            using var normals = CounterGaussianOps.Normals(target.numel(), Key, word, target.device);
            target.copy_(normals.mul_(std).view(target.shape));
            return;
        }
        if (TensorMemory.IsHostFloats(target))
        {
            CounterGaussian.Fill(TensorMemory.Floats(target), (float)std, Key, word);
            return;
        }
        // Another element type, or a strided view: draw as float32 and convert.
        using var floats = empty(target.shape, ScalarType.Float32);
        CounterGaussian.Fill(TensorMemory.Floats(floats), (float)std, Key, word);
        target.copy_(floats);
    }

    /// <summary>The state (the next unused word), for checkpoints.</summary>
    public byte[] SaveState()
    {
        using var buffer = new MemoryStream();
        using var writer = new BinaryWriter(buffer);
        writer.Write(Format);
        writer.Write(nextWord);
        writer.Flush();
        return buffer.ToArray();
    }

    /// <summary>Restores what <see cref="SaveState"/> wrote.</summary>
    public void LoadState(byte[] saved)
    {
        using var reader = new BinaryReader(new MemoryStream(saved));
        if (reader.ReadInt32() != Format)
            throw new InvalidDataException("the saved noise state comes from libtorch generators (a build before the counter noise): this build cannot continue it; start the job again");
        nextWord = reader.ReadInt64();
    }
}
