using GradRetentionNet.Sweeps.Aggregation;
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
}
