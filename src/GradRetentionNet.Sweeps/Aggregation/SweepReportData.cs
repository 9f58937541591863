using GradRetentionNet.Contracts.Jobs;
using GradRetentionNet.Contracts.Sweeps;

namespace GradRetentionNet.Sweeps.Aggregation;

/// <summary>What a report is drawn from (GET /api/sweeps/{name}/report-data): the sweep's spec as written, its state, and its jobs' results.</summary>
public sealed record SweepReportData(string Spec, SweepState State, List<JobResult> Results);

/// <summary>A sweep's aggregate (GET /api/sweeps/{name}/results): its state, the flat rows and the full aggregate.</summary>
public sealed record SweepResultsData(SweepState State, IReadOnlyList<AggregateRow> Rows, SweepAggregate Aggregate);
