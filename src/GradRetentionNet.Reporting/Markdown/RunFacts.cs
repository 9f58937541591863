using GradRetentionNet.Contracts.Jobs;
using GradRetentionNet.Data;

namespace GradRetentionNet.Reporting.Markdown;

/// <summary>
/// How a sweep's jobs ran, from their results: how many, from the first start to the last end,
/// where (the environments the jobs recorded), and on which data (each dataset's honest catalogue
/// description with the sizes the jobs saw).
/// </summary>
/// <param name="FirstStart">The earliest job start; null without a recorded one.</param>
/// <param name="LastEnd">The latest job end; null until a job has finished.</param>
public sealed record RunFacts(int Jobs, DateTimeOffset? FirstStart, DateTimeOffset? LastEnd,
    IReadOnlyList<RunMachine> Machines, IReadOnlyList<DatasetFacts> Datasets)
{
    /// <summary>From first start to last end: the sweep's wall-clock running time, with its idle gaps.</summary>
    public TimeSpan? RunningTime => FirstStart is { } start && LastEnd is { } end && end >= start ? end - start : null;

    /// <param name="datasets">The spec's datasets, in its order.</param>
    public static RunFacts Of(IReadOnlyList<JobResult> results, IReadOnlyList<string> datasets)
    {
        // A result written before its job's start was recorded carries the default timestamp.
        var starts = results.Select(r => r.StartedAt).Where(t => t != default).ToList();
        var ends = results.Select(r => r.FinishedAt).OfType<DateTimeOffset>().ToList();
        var machines = results
            .GroupBy(r => r.Environment with { MachineName = "" })
            .Select(g => new RunMachine(g.Key.Device, g.Key.OperatingSystem, g.Key.ProcessorCount, g.Key.TorchThreads, g.Key.DotNet, g.Key.TorchSharp, g.Count()))
            .OrderByDescending(m => m.Jobs)
            .ToList();
        return new(results.Count, starts.Count == 0 ? null : starts.Min(), ends.Count == 0 ? null : ends.Max(), machines,
            datasets.Select(d => DatasetFacts.Of(d, results.Where(r => r.Spec.Dataset == d).ToList())).ToList());
    }
}

/// <summary>
/// One environment the jobs ran in, as they recorded it (the host's name is left out: it says
/// nothing about the hardware, and a cluster's pods each have their own).
/// </summary>
public sealed record RunMachine(string Device, string OperatingSystem, int LogicalCores, int TorchThreads, string DotNet, string TorchSharp, int Jobs);

/// <summary>A dataset: its honest catalogue description, its family and the sizes the jobs saw (one entry per distinct split).</summary>
/// <param name="Family">The original project's dataset it is or stands in for (mnist, cifar10, ...).</param>
public sealed record DatasetFacts(string Name, string Family, string Description, IReadOnlyList<DatasetSplitSizes> Sizes)
{
    public static DatasetFacts Of(string name, IReadOnlyList<JobResult> results)
    {
        var entry = DatasetCatalog.Find(name);
        var sizes = results
            .Select(r => new DatasetSplitSizes(r.Dataset.TrainExamples, r.Dataset.ValidationExamples, r.Dataset.TestExamples, r.Dataset.Classes))
            .Distinct().OrderByDescending(s => s.Train).ToList();
        return new(name, entry.Family, entry.Description, sizes);
    }
}

/// <summary>Examples trained on, held out for validation and tested on, and the number of classes.</summary>
public sealed record DatasetSplitSizes(long Train, long Validation, long Test, int Classes);
