using System.Globalization;
using GradRetentionNet.Contracts.Jobs;
using GradRetentionNet.Contracts.Sweeps;
using GradRetentionNet.Sweeps.Study;

namespace GradRetentionNet.Reporting.StudySections;

/// <summary>How a study's values read on its page.</summary>
internal static class StudyText
{
    /// <summary>"lr=0.01, momentum=0.9" in key order; null: no configuration was chosen.</summary>
    public static string Configuration(IReadOnlyDictionary<string, string>? hyperParameters) => hyperParameters switch
    {
        null => "none (every tuning trial failed)",
        { Count: 0 } => "defaults",
        _ => string.Join(", ", hyperParameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}")),
    };

    /// <summary>select_by in words: "validation metric" or "validation loss".</summary>
    public static string SelectBy(ProtocolSpec protocol) => protocol.SelectBy.Replace('_', ' ');

    public static string Goal(GoalDirection goal) => goal == GoalDirection.HigherIsBetter ? "higher is better" : "lower is better";

    public static string Word(Verdict verdict) => verdict switch
    {
        Verdict.Wins => "wins",
        Verdict.Ties => "ties",
        Verdict.Loses => "loses",
        _ => throw new ArgumentOutOfRangeException(nameof(verdict), verdict, "unknown verdict"),
    };

    /// <summary>A job's state in words: "completed", "stopped early".</summary>
    public static string State(JobState state) => JobJson.EnumText(state).Replace('_', ' ');

    public static string Seeds(IEnumerable<long> seeds) => string.Join(", ", seeds.Select(s => s.ToString(CultureInfo.InvariantCulture)));

    public static string Number(double value, string format = "0.####") => value.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>Whether two configurations are the same hyperparameters with the same values.</summary>
    public static bool SameConfiguration(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string>? b) =>
        b is not null && a.Count == b.Count && a.All(p => b.TryGetValue(p.Key, out var value) && value == p.Value);
}
