using GradRetentionNet.Contracts.Jobs;
using GradRetentionNet.Contracts.Sweeps;
using GradRetentionNet.Sweeps.Scheduling;

namespace GradRetentionNet.Sweeps.Study.Protocol;

/// <summary>
/// The end of a study's tuning phase: per dataset × model × optimizer, the configuration with the
/// best median (over tuning seeds) of its trials' best validation value (select_by). A trial that
/// stopped early counts with the best it reached; a failed or diverged one counts for nothing
/// (phase 2 runs full length, and a configuration that diverged is no candidate for it). Ties go to
/// the configuration first in plan order, so the same results always give the same choice.
/// Whether a trial counts, and how many of its epochs, is the coordinator's record: a trial stopped
/// early counts with the epochs it had when it was stopped, whatever its trainer wrote after that.
/// </summary>
public static class StudySelection
{
    /// <param name="tuning">The tuning phase's trials; taken in plan order.</param>
    /// <returns>Choices in the plan's order of dataset, model and optimizer; none for an optimizer whose every trial failed.</returns>
    public static IReadOnlyList<StudyChoice> Choose(ProtocolSpec protocol, IReadOnlyList<TuningOutcome> tuning)
    {
        var choices = new List<StudyChoice>();
        foreach (var cell in tuning.OrderBy(t => t.Job.Index).GroupBy(t => (t.Job.Spec.Dataset, t.Job.Spec.Model, t.Job.Spec.Optimizer)))
        {
            var configurations = cell.GroupBy(t => t.Job.GridPoint, StringComparer.Ordinal).ToList();
            StudyChoice? best = null;
            foreach (var configuration in configurations)
            {
                var bests = configuration.Select(t => BestValidation(protocol, t)).OfType<double>().ToList();
                if (StudyMedian.Of(bests) is not { } median) continue;
                if (best is null || (protocol.SelectsHigher ? median > best.SelectionValue : median < best.SelectionValue))
                    best = new StudyChoice(cell.Key.Dataset, cell.Key.Model, cell.Key.Optimizer,
                        new SortedDictionary<string, string>(configuration.First().Job.Spec.HyperParameters.ToDictionary(), StringComparer.Ordinal),
                        median, configurations.Count);
            }
            if (best is not null) choices.Add(best);
        }
        return choices;
    }

    /// <summary>A trial's best validation value by select_by, over the epochs the coordinator counted; null when it has none to offer.</summary>
    public static double? BestValidation(ProtocolSpec protocol, TuningOutcome trial) => trial switch
    {
        { State: JobState.Completed, Result.Status: JobState.Completed } => SelectionFigure.Best(trial.Result.Epochs, protocol),
        { State: JobState.StoppedEarly, Result: { } result } => SelectionFigure.Best(result.Epochs.Take(trial.EpochsDone), protocol),
        _ => null,
    };
}
