using GradRetentionNet.Contracts.Grains;
using GradRetentionNet.Contracts.Jobs;
using GradRetentionNet.Contracts.Sweeps;

namespace GradRetentionNet.Sweeps.Scheduling.EarlyStopping;

/// <summary>
/// A sweep's early stopping: one rule per bracket (dataset × model × optimizer), fed the value of
/// the spec's early-stop metric from each epoch report, oriented so that higher is better.
/// </summary>
public sealed class EarlyStopping(EarlyStopSpec spec, int maxEpochs)
{
    readonly Dictionary<string, IEarlyStopRule> brackets = new(StringComparer.Ordinal);

    /// <summary>The figure the rule compares, higher is better; null when the report has none (no validation split).</summary>
    public double? ValueOf(EpochReport report) => ValueOf(report.ValidationMetric, report.ValidationLoss);

    /// <summary>The same figure from a finished job's epoch, for a result adopted from an earlier run.</summary>
    public double? ValueOf(EpochRecord epoch) => ValueOf(epoch.ValidationMetric, epoch.ValidationLoss);

    double? ValueOf(double? validationMetric, double? validationLoss) => spec.Metric switch
    {
        "validation_loss" => -validationLoss,
        _ => validationMetric,
    };

    /// <summary>A finished job's curve of the figure; null when an epoch lacks it.</summary>
    public IReadOnlyList<double>? CurveOf(IReadOnlyList<EpochRecord> epochs)
    {
        var values = epochs.Select(ValueOf).ToList();
        return values.All(v => v is not null) ? values.Select(v => v!.Value).ToList() : null;
    }

    /// <summary>Whether the trial stops after this epoch.</summary>
    public bool Report(PlannedJob job, int epoch, double value) => Bracket(job).Report(job.JobId, epoch, value);

    /// <summary>Rebuilds the rule's memory from a trial's recorded curve (after a restart), deciding nothing.</summary>
    public void Replay(PlannedJob job, IReadOnlyList<double> curve)
    {
        var rule = Bracket(job);
        for (var epoch = 1; epoch <= curve.Count; epoch++) rule.Replay(job.JobId, epoch, curve[epoch - 1]);
    }

    IEarlyStopRule Bracket(PlannedJob job)
    {
        var key = $"{job.Spec.Dataset}/{job.Spec.Model}/{job.Spec.Optimizer}";
        if (!brackets.TryGetValue(key, out var rule))
        {
            brackets[key] = rule = spec.Type switch
            {
                EarlyStopRule.Asha => new AshaRule(spec.GraceEpochs, spec.ReductionFactor, maxEpochs),
                _ => new MedianRule(spec.GraceEpochs, maxEpochs),
            };
        }
        return rule;
    }
}
