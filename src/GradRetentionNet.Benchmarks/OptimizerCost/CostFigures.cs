namespace GradRetentionNet.Benchmarks.OptimizerCost;

/// <summary>
/// One kind of step (full, or optimizer only) of one optimizer. Ratios divide this optimizer's
/// mean step time in a round by the baseline's in the same round (means, so that the one
/// decision step in each block counts in its true proportion); their spread is over rounds.
/// </summary>
/// <param name="MedianStepMs">Median over every timed step.</param>
/// <param name="RoundMeanMs">Spread over rounds of the mean step time in a round.</param>
/// <param name="RatioToBaseline">Spread over rounds of this optimizer's round mean / the baseline's.</param>
/// <param name="RoundMeansMs">Each round's mean step time, in round order.</param>
/// <param name="Ratios">Each round's ratio, in round order.</param>
public sealed record StepFigures(double MedianStepMs, Spread RoundMeanMs, Spread RatioToBaseline, IReadOnlyList<double> RoundMeansMs, IReadOnlyList<double> Ratios)
{
    public static StepFigures Of(IReadOnlyList<double[]> rounds, IReadOnlyList<double[]> baselineRounds)
    {
        var means = rounds.Select(r => r.Average()).ToList();
        var ratios = means.Zip(baselineRounds, (mean, baseline) => mean / baseline.Average()).ToList();
        return new StepFigures(Spread.Of(rounds.SelectMany(r => r)).Median, Spread.Of(means), Spread.Of(ratios), means, ratios);
    }
}

/// <summary>Everything measured for one optimizer at one thread count.</summary>
/// <param name="OptimizerExtraPercent">
/// (median optimizer step − the baseline's) / the baseline's median full step, in percent: the
/// part of the full-step ratio the update itself explains.
/// </param>
/// <param name="FinalLoss">The trained model's loss on the first batch after the run (finite: nothing diverged).</param>
public sealed record CaseFigures(string Optimizer, StepFigures FullStep, StepFigures OptimizerStep, double OptimizerExtraPercent, double FinalLoss)
{
    public static IReadOnlyList<CaseFigures> Of(IReadOnlyList<CaseTimes> times)
    {
        var baseline = times[0];
        var baselineFull = StepFigures.Of(baseline.FullStepMs, baseline.FullStepMs);
        var baselineUpdate = StepFigures.Of(baseline.OptimizerStepMs, baseline.OptimizerStepMs);
        return times.Select(t =>
        {
            var update = StepFigures.Of(t.OptimizerStepMs, baseline.OptimizerStepMs);
            var extra = 100 * (update.MedianStepMs - baselineUpdate.MedianStepMs) / baselineFull.MedianStepMs;
            return new CaseFigures(t.Label, StepFigures.Of(t.FullStepMs, baseline.FullStepMs), update, extra, t.FinalLoss);
        }).ToList();
    }
}

/// <summary>One torch thread count's run.</summary>
/// <param name="LoadAverageBefore">The machine's load average as the run began (Linux; null elsewhere).</param>
/// <param name="LoadAverageAfter">… and as it ended: a busy shared machine shows here.</param>
public sealed record ThreadRun(int Threads, double Seconds, string? LoadAverageBefore, string? LoadAverageAfter, IReadOnlyList<CaseFigures> Optimizers);
