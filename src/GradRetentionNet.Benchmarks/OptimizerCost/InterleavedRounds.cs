using System.Diagnostics;

namespace GradRetentionNet.Benchmarks.OptimizerCost;

/// <summary>Per-step times of one optimizer, in milliseconds, one array per timed round.</summary>
public sealed record CaseTimes(string Label, IReadOnlyList<double[]> FullStepMs, IReadOnlyList<double[]> OptimizerStepMs, double FinalLoss);

/// <summary>
/// The timing loop. Each round, every optimizer takes a block of full steps, in an order that
/// rotates by one from round to round; then every optimizer takes a block of optimizer-only
/// steps in the same order. Whatever else the machine does lands on all optimizers alike, and a
/// ratio taken within a round compares steps measured seconds apart, not minutes.
/// </summary>
internal static class InterleavedRounds
{
    public static IReadOnlyList<CaseTimes> Run(IReadOnlyList<CostCase> cases, int warmupRounds, int rounds, int blockSteps)
    {
        var full = cases.Select(_ => new List<double[]>()).ToArray();
        var update = cases.Select(_ => new List<double[]>()).ToArray();
        for (var round = 0; round < warmupRounds + rounds; round++)
        {
            var timed = round >= warmupRounds;
            var order = Enumerable.Range(0, cases.Count).Select(i => (i + round) % cases.Count).ToList();
            foreach (var i in order)
            {
                var times = Block(cases[i].FullStep, blockSteps);
                if (timed) full[i].Add(times);
            }
            foreach (var i in order)
            {
                var times = Block(cases[i].OptimizerStep, blockSteps);
                if (timed) update[i].Add(times);
            }
        }
        return cases.Select((c, i) => new CaseTimes(c.Label, full[i], update[i], c.CurrentLoss())).ToList();
    }

    static double[] Block(Func<long> step, int steps)
    {
        var times = new double[steps];
        for (var s = 0; s < steps; s++) times[s] = step() * 1000.0 / Stopwatch.Frequency;
        return times;
    }
}
