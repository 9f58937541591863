using GradRetentionNet.Sweeps.Aggregation;
using GradRetentionNet.Sweeps.Tables;
using GradRetentionNet.Sweeps.Tests.Tables;
using static GradRetentionNet.Sweeps.Tests.Aggregation.Results;

namespace GradRetentionNet.Sweeps.Tests.Aggregation;

public sealed class AggregateRowTests
{
    static string Comparison(IEnumerable<GradRetentionNet.Contracts.Jobs.JobResult> results, string optimizer) =>
        AggregateRow.From(Aggregator.Aggregate(results, MetricChoice.TestMetric, null)).Single(r => r.Optimizer == optimizer).BaselineComparison;

    [Fact]
    public void The_baseline_column_says_in_words_why_there_is_no_test()
    {
        var sgd = Finals("sgd", 0.89, 0.91);

        Comparison(sgd.Concat(Finals("enhanced-sgd", 0.93, 0.95)), "enhanced-sgd").Should().Be("vs sgd");
        Comparison(sgd, "sgd").Should().Be("reference");
        Comparison(Finals("enhanced-sgd", 0.93, 0.95), "enhanced-sgd").Should().Be("no baseline");
        Comparison(sgd.Concat(Finals("enhanced-sgd", 0.93)), "enhanced-sgd").Should().Be("too few seeds");
        Comparison(Finals("sgd", 0.9, 0.9).Concat(Finals("enhanced-sgd", 0.95, 0.95)), "enhanced-sgd").Should().Be("no variance");
    }

    [Fact]
    public async Task The_rows_export_with_the_columns_grn_results_has_always_written()
    {
        var rows = AggregateRow.From(Aggregator.Aggregate(Finals("sgd", 0.89, 0.91).Concat(Finals("enhanced-sgd", 0.93, 0.95)), MetricChoice.TestMetric, null));
        var table = AggregateRowTable.Of(rows);
        using var parquet = new MemoryStream();
        await ParquetTableWriter.WriteAsync(table, parquet);
        parquet.Position = 0;

        var read = await TableReadBack.Parquet(parquet);

        string.Join(',', read.Columns).Should().Be("dataset,model,optimizer,grid,completed,total,mean,sd,ci_lower,ci_upper,min,max,target_reached,"
            + "target_out_of,mean_epochs_to_target,mean_seconds_to_target,baseline_comparison,difference_to_baseline,welch_p,rank");
        read.Rows.Select(r => r[2]).Should().Equal(new object?[] { "enhanced-sgd", "sgd" }, "rows come best rank first");
        (read[0, "completed"], read[0, "total"], read[0, "baseline_comparison"], read[0, "rank"]).Should().Be((2L, 2L, "vs sgd", 1L));
        ((double)read[0, "mean"]!).Should().BeApproximately(0.94, 1e-12);
        (read[0, "target_reached"], read[0, "grid"]).Should().Be((null, ""));
    }
}
