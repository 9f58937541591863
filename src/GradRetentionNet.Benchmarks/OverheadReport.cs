using BenchmarkDotNet.Reports;

namespace GradRetentionNet.Benchmarks;

/// <summary>The figures the issue asks for, from the training-step benchmarks' summary.</summary>
internal static class OverheadReport
{
    const double Goal = 1.15;

    public static void Print(Summary summary, TextWriter output)
    {
        double? Mean(string method) => summary.Reports
            .Where(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name == method && r.ResultStatistics is not null)
            .Select(r => r.ResultStatistics!.Mean / 1e6)
            .Cast<double?>()
            .FirstOrDefault();

        var sgd = Mean(nameof(TrainingStepBenchmarks.Sgd));
        var enhanced = Mean(nameof(TrainingStepBenchmarks.EnhancedSgd));
        var sgdUpdate = Mean(nameof(TrainingStepBenchmarks.SgdUpdate));
        var enhancedUpdate = Mean(nameof(TrainingStepBenchmarks.EnhancedSgdUpdate));
        if (sgd is null || enhanced is null || sgdUpdate is null || enhancedUpdate is null) return;

        var ratio = enhanced.Value / sgd.Value;
        var overhead = enhancedUpdate.Value - sgdUpdate.Value;
        output.WriteLine();
        output.WriteLine("EnhancedSGD vs SGD(momentum 0.9), SimpleCNN 1x28x28, batch 64, CPU");
        output.WriteLine($"  full step:       SGD {sgd:F2} ms, EnhancedSGD {enhanced:F2} ms, ratio {ratio:F3} (goal <= {Goal:F2}: {(ratio <= Goal ? "met" : "NOT met")})");
        output.WriteLine($"  optimizer step:  SGD {sgdUpdate:F2} ms, EnhancedSGD {enhancedUpdate:F2} ms, overhead {overhead:F2} ms = {100 * overhead / sgd.Value:F1} % of an SGD full step");
    }
}
