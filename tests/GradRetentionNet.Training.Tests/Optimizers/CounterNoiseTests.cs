using GradRetentionNet.Training.Optimizers.Enhanced;
using GradRetentionNet.Training.Optimizers.Enhanced.Cpu;
using TorchSharp;
using static TorchSharp.torch;

namespace GradRetentionNet.Training.Tests.Optimizers;

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

    [Theory]
    [InlineData(1, 0UL, 0L)]
    [InlineData(17, 99UL, 24L)]
    [InlineData(1000, 0xFEDCBA9876543210UL, 8L)]
    [InlineData(4099, 0x8000000000000001UL, 1_000_000_000_000L)]
    public void The_libtorch_operations_draw_the_cpu_kernels_stream(int count, ulong key, long word)
    {
        // What a GPU runs (CounterGaussianOps), here on CPU tensors, against the CPU kernel: the same
        // words and layout, so the same normals up to float rounding of ln, sin and cos. Keys with
        // the top bit set and large words exercise the wrapping arithmetic and the logical shifts.
        using var scope = torch.NewDisposeScope();
        var expected = new float[count];
        CounterGaussian.Fill(expected, 1, key, word);

        var drawn = CounterGaussianOps.Normals(count, key, word, torch.CPU).data<float>().ToArray();

        drawn.Should().HaveCount(count);
        drawn.Zip(expected).Should().OnlyContain(pair => Math.Abs(pair.First - pair.Second) <= 2e-5 * Math.Max(1, Math.Abs(pair.Second)));
    }

    [Fact]
    public void The_libtorch_operations_draw_standard_normals()
    {
        using var scope = torch.NewDisposeScope();
        var values = CounterGaussianOps.Normals(200_000, key: 12345, word: 0, torch.CPU).to(ScalarType.Float64);

        values.mean().item<double>().Should().BeApproximately(0, 0.01);
        values.std().item<double>().Should().BeApproximately(1, 0.01);
        (values.abs() > 1.959964).to(ScalarType.Float64).mean().item<double>().Should().BeApproximately(0.05, 0.003);
    }
}
