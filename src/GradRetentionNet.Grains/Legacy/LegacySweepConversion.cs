using GradRetentionNet.Contracts.Jobs;
using GradRetentionNet.Contracts.Sweeps;
using GradRetentionNet.Sweeps.Scheduling;
using GradRetentionNet.Sweeps.Spec;

namespace GradRetentionNet.Grains.Legacy;

/// <summary>Turns a <see cref="LegacySweepRecord"/> into today's plan and job records.</summary>
public static class LegacySweepConversion
{
    /// <summary>The submission, the sweep's state and each job's record; throws a one-line <see cref="InvalidDataException"/> when the old record cannot be read.</summary>
    public static (SweepSubmission Submission, SweepState State, Dictionary<string, JobRecord> Jobs) Convert(string sweep, LegacySweepRecord legacy)
    {
        SweepSpec spec;
        try
        {
            spec = SweepSpecParser.Parse(legacy.SpecYaml, $"sweep '{sweep}' (stored by an older GradRetentionNet)");
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"{e.Message}: submit it again under another name");
        }
        var state = Parse<SweepState>(legacy.State, sweep);
        var jobs = legacy.Jobs.ToDictionary(j => j.JobId, j => new JobRecord
        {
            State = Parse<JobState>(j.State, sweep),
            Attempts = j.Attempts,
            Dispatches = j.Dispatches,
            EpochsDone = j.EpochsDone,
            FinalMetric = j.FinalMetric,
            Error = j.Error,
            Silo = j.Silo,
            ResumedAtEpoch = j.ResumedAtEpoch,
            DispatchedAt = j.DispatchedAt,
        });
        return (new SweepSubmission(spec, legacy.SpecYaml, legacy.OutputRoot), state, jobs);
    }

    static T Parse<T>(string text, string sweep) where T : struct, Enum =>
        Enum.TryParse<T>(text, ignoreCase: true, out var value) && !int.TryParse(text, out _)
            ? value
            : throw new InvalidDataException($"sweep '{sweep}' (stored by an older GradRetentionNet) has the unknown state '{text}': submit it again under another name");
}
