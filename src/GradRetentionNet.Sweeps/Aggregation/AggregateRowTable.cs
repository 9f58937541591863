using GradRetentionNet.Sweeps.Tables;

namespace GradRetentionNet.Sweeps.Aggregation;

/// <summary>An ordinary sweep's aggregate rows as a table for export (grn results --format csv or parquet).</summary>
public static class AggregateRowTable
{
    public static ExportTable Of(IEnumerable<AggregateRow> rows) =>
        ExportTable.Of("aggregate", rows)
            .Text("dataset", r => r.Dataset)
            .Text("model", r => r.Model)
            .Text("optimizer", r => r.Optimizer)
            .Text("grid", r => r.Grid)
            .Integer("completed", r => r.Completed)
            .Integer("total", r => r.Total)
            .Number("mean", r => r.Mean)
            .Number("sd", r => r.StandardDeviation)
            .Number("ci_lower", r => r.IntervalLower)
            .Number("ci_upper", r => r.IntervalUpper)
            .Number("min", r => r.Min)
            .Number("max", r => r.Max)
            .Integer("target_reached", r => r.TargetReached)
            .Integer("target_out_of", r => r.TargetOutOf)
            .Number("mean_epochs_to_target", r => r.MeanEpochsToTarget)
            .Number("mean_seconds_to_target", r => r.MeanSecondsToTarget)
            .Text("baseline_comparison", r => r.BaselineComparison)
            .Number("difference_to_baseline", r => r.DifferenceToBaseline)
            .Number("welch_p", r => r.WelchP)
            .Integer("rank", r => r.Rank)
            .Build();
}
