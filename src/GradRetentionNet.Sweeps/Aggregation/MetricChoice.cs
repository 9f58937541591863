using GradRetentionNet.Contracts.Jobs;

namespace GradRetentionNet.Sweeps.Aggregation;

/// <summary>Which per-epoch figure a sweep is compared on.</summary>
public enum Metric
{
    /// <summary>The test metric: accuracy for classification, mIoU for segmentation.</summary>
    TestMetric,
    TestLoss,
    TrainLoss,

    /// <summary>The validation metric (accuracy or mIoU on the validation split); NaN without one.</summary>
    ValidationMetric,

    ValidationLoss,
}

/// <summary>Which direction is better.</summary>
public enum Goal
{
    HigherIsBetter,
    LowerIsBetter,
}

/// <summary>The metric compared and its goal; the presets give each metric its natural goal.</summary>
public sealed record MetricChoice(Metric Metric, Goal Goal)
{
    public static MetricChoice TestMetric { get; } = new(Metric.TestMetric, Goal.HigherIsBetter);
    public static MetricChoice TestLoss { get; } = new(Metric.TestLoss, Goal.LowerIsBetter);
    public static MetricChoice TrainLoss { get; } = new(Metric.TrainLoss, Goal.LowerIsBetter);
    public static MetricChoice ValidationMetric { get; } = new(Metric.ValidationMetric, Goal.HigherIsBetter);
    public static MetricChoice ValidationLoss { get; } = new(Metric.ValidationLoss, Goal.LowerIsBetter);

    /// <summary>The chosen figure of one epoch (NaN when the epoch has none: no test metric, no validation split).</summary>
    public double ValueOf(EpochRecord epoch) => Metric switch
    {
        Metric.TestMetric => epoch.PrimaryMetric,
        Metric.TestLoss => epoch.TestLoss,
        Metric.TrainLoss => epoch.TrainLoss,
        Metric.ValidationMetric => epoch.ValidationMetric ?? double.NaN,
        Metric.ValidationLoss => epoch.ValidationLoss ?? double.NaN,
        _ => throw new ArgumentOutOfRangeException(nameof(Metric), Metric, "unknown metric"),
    };

    /// <summary>Whether <paramref name="value"/> is at least as good as <paramref name="target"/>.</summary>
    public bool Reaches(double value, double target) =>
        Goal == Goal.HigherIsBetter ? value >= target : value <= target;

    /// <summary>Whether mean <paramref name="a"/> is strictly better than mean <paramref name="b"/>.</summary>
    public bool IsBetter(double a, double b) => Goal == Goal.HigherIsBetter ? a > b : a < b;
}
