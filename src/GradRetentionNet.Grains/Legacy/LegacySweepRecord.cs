namespace GradRetentionNet.Grains.Legacy;

/// <summary>
/// A sweep as coordinators before the per-job records persisted it (state name "sweep"): the whole
/// plan with every job's state in one record. Read once, moved into the plan and job records, and
/// cleared. Field ids are those of the old format.
/// </summary>
[GenerateSerializer]
public sealed class LegacySweepRecord
{
    [Id(0)] public string SpecYaml { get; set; } = "";
    [Id(1)] public string OutputRoot { get; set; } = "";
    [Id(2)] public string State { get; set; } = "";
    [Id(5)] public List<LegacyJobEntry> Jobs { get; set; } = [];
}

/// <summary>One job of a <see cref="LegacySweepRecord"/>, state as lower-case text.</summary>
[GenerateSerializer]
public sealed class LegacyJobEntry
{
    [Id(0)] public string JobId { get; set; } = "";
    [Id(7)] public string State { get; set; } = "pending";
    [Id(8)] public int Attempts { get; set; }
    [Id(9)] public int EpochsDone { get; set; }
    [Id(10)] public double? FinalMetric { get; set; }
    [Id(11)] public string? Error { get; set; }
    [Id(12)] public int Dispatches { get; set; }
    [Id(13)] public string? Silo { get; set; }
    [Id(14)] public int? ResumedAtEpoch { get; set; }
    [Id(15)] public DateTimeOffset? DispatchedAt { get; set; }
}
