using GradRetentionNet.Training.Jobs;
using GradRetentionNet.Training.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace GradRetentionNet.Training.Tests.Jobs;

public sealed class TensorMemoryRetentionTests
{
    [Fact]
    public void Training_steps_reuse_the_memory_of_the_step_before_instead_of_faulting_in_fresh_pages()
    {
        if (!OperatingSystem.IsLinux()) return;
        TensorMemoryRetention.Apply().Should().BeTrue("glibc accepts both thresholds and the arena cap");
        TensorMemoryRetention.Apply().Should().BeTrue("a second call changes nothing");

        using var model = new SimpleCnn(1, 28);
        using var optimizer = optim.SGD(model.parameters(), 0.01, 0.9);
        using var input = torch.randn(64, 1, 28, 28);
        using var target = torch.randint(0, 10, [64]);
        void Step()
        {
            using var scope = torch.NewDisposeScope();
            optimizer.zero_grad();
            nn.functional.cross_entropy(model.forward(input), target).backward();
            optimizer.step();
        }

        for (var i = 0; i < 5; i++) Step();
        var before = MinorPageFaults();
        const int steps = 20;
        for (var i = 0; i < steps; i++) Step();
        // Without retention a step here faults in thousands of pages (its activations, freshly mapped
        // and zeroed); with it, tens.
        ((MinorPageFaults() - before) / steps).Should().BeLessThan(1_000);
    }

    // Field 10 of /proc/self/stat, after the command name (which may hold spaces) in parentheses.
    static long MinorPageFaults() => long.Parse(File.ReadAllText("/proc/self/stat").Split(')')[^1].Split(' ', StringSplitOptions.RemoveEmptyEntries)[7]);
}
