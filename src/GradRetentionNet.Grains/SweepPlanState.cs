using GradRetentionNet.Contracts.Sweeps;

namespace GradRetentionNet.Grains;

/// <summary>
/// What a sweep's coordinator persists: the submission (the typed spec once, its text, the output
/// root) and the sweep's state; for a study, its phase and, once tuning has ended, the choices the
/// evaluation phase runs. Jobs keep their own records (<see cref="JobRecordGrain"/>), so this is
/// written at submission and when the sweep's state or phase changes, never per job event.
/// </summary>
[GenerateSerializer]
public sealed class SweepPlanState
{
    [Id(0)] public SweepSubmission? Submission { get; set; }
    [Id(1)] public SweepState State { get; set; }

    /// <summary>A study's phase; null for an ordinary sweep.</summary>
    [Id(2)] public StudyPhase? Phase { get; set; }

    /// <summary>The tuning phase's choices, from when the study entered its evaluation phase.</summary>
    [Id(3)] public List<StudyChoice>? Choices { get; set; }
}
