using GradRetentionNet.Training.Optimizers.Enhanced.Cpu;
using TorchSharp;
using static TorchSharp.torch;

namespace GradRetentionNet.Training.Tests.Optimizers.Cpu;

public sealed class CounterNoiseTests
{
    [Fact]
    public void Each_tensor_takes_whole_blocks_and_a_reload_continues_the_stream()
    {
        using var scope = torch.NewDisposeScope();
        var noise = new CounterNoise(seed: 3);
        noise.Reserve(17).Should().Be(0);
        noise.Reserve(1).Should().Be(16, "17 normals took two blocks of 8 words");

        var saved = noise.SaveState();
        var first = torch.empty(100);
        noise.Fill(first, 0.5);

        var resumed = new CounterNoise(seed: 3);
        resumed.LoadState(saved);
        var again = torch.empty(100);
        resumed.Fill(again, 0.5);
        again.data<float>().ToArray().Should().Equal(first.data<float>().ToArray());
    }

    [Fact]
    public void Another_element_type_gets_the_same_numbers_converted()
    {
        using var scope = torch.NewDisposeScope();
        var floats = torch.empty(50);
        new CounterNoise(seed: 4).Fill(floats, 1);
        var doubles = torch.empty(50, dtype: ScalarType.Float64);
        new CounterNoise(seed: 4).Fill(doubles, 1);
        doubles.data<double>().ToArray().Should().Equal(floats.data<float>().ToArray().Select(v => (double)v));
    }

    [Fact]
    public void A_state_from_libtorch_generators_is_refused_saying_what_to_do()
    {
        // What a build before the counter noise saved on the CPU: four generator states.
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true)) writer.Write(4);
        var act = () => new CounterNoise(seed: 1).LoadState(buffer.ToArray());
        act.Should().Throw<InvalidDataException>().WithMessage("*libtorch generators*start the job again*");
    }
}
