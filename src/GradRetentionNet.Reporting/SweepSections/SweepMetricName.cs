using GradRetentionNet.Contracts.Jobs;
using GradRetentionNet.Sweeps.Aggregation;

namespace GradRetentionNet.Reporting.SweepSections;

internal static class SweepMetricName
{
    /// <summary>The metric in words, e.g. "validation metric".</summary>
    public static string Of(MetricChoice metric) => JobJson.EnumText(metric.Metric).Replace('_', ' ');
}
