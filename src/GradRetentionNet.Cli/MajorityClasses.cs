using GradRetentionNet.Contracts.Jobs;
using GradRetentionNet.Data;
using GradRetentionNet.Reporting.Markdown;
using GradRetentionNet.Training.Jobs;
using TorchSharp;

namespace GradRetentionNet.Cli;

/// <summary>
/// For the results page: each classification dataset's majority-class share of the test split,
/// counted from the test split a finished job of the study loaded (same dataset, subset sizes and
/// data root), so it is the floor of exactly the figures the page compares.
/// </summary>
internal static class MajorityClasses
{
    public static IReadOnlyList<MajorityClass> Of(IReadOnlyList<JobResult> results, string? dataRoot) =>
        results.GroupBy(r => r.Spec.Dataset)
            .Select(g => g.First().Spec)
            .Where(spec => DatasetCatalog.Find(spec.Dataset).Task is TaskKind.ImageClassification or TaskKind.TextClassification)
            .Select(spec => Count(spec, dataRoot))
            .ToList();

    static MajorityClass Count(JobSpec spec, string? dataRoot)
    {
        using var data = JobDataLoader.Load(spec, dataRoot);
        var counts = new Dictionary<long, long>();
        foreach (var batch in data.Test.Batches(4096, torch.CPU))
        {
            using (batch)
                foreach (var label in batch.Target.data<long>())
                    counts[label] = counts.GetValueOrDefault(label) + 1;
        }
        var total = counts.Values.Sum();
        return new MajorityClass(spec.Dataset, (double)counts.Values.Max() / total, total);
    }
}
