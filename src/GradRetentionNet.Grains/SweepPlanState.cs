using GradRetentionNet.Contracts.Sweeps;

namespace GradRetentionNet.Grains;

/// <summary>
/// What a sweep's coordinator persists: the submission (the typed spec once, its text, the output
/// root) and the sweep's state. Jobs keep their own records (<see cref="JobRecordGrain"/>), so this
/// is written at submission and when the sweep's state changes, never per job event.
/// </summary>
[GenerateSerializer]
public sealed class SweepPlanState
{
    [Id(0)] public SweepSubmission? Submission { get; set; }
    [Id(1)] public SweepState State { get; set; }
}
