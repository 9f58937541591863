using GradRetentionNet.Sweeps.Aggregation;

namespace GradRetentionNet.Sweeps.Study;

/// <summary>A candidate against one baseline on one dataset.</summary>
public enum Verdict
{
    Wins,
    Ties,
    Loses,
}

public static class VerdictRule
{
    /// <summary>
    /// From the 95 % interval of the paired mean difference (candidate − baseline): ties when it
    /// contains 0 or does not exist (fewer than two pairs: no evidence either way), wins when it
    /// lies entirely on the better side for the goal, loses when entirely on the worse side.
    /// </summary>
    public static Verdict Of(ConfidenceInterval? interval, GoalDirection goal)
    {
        if (interval is null || (interval.Lower <= 0 && interval.Upper >= 0)) return Verdict.Ties;
        var differenceSign = interval.Lower > 0 ? 1 : -1;
        return differenceSign == goal.BetterSign() ? Verdict.Wins : Verdict.Loses;
    }
}
