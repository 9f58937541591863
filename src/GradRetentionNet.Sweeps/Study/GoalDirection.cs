namespace GradRetentionNet.Sweeps.Study;

/// <summary>Which way a metric improves: accuracies go up, losses go down.</summary>
public enum GoalDirection
{
    HigherIsBetter,
    LowerIsBetter,
}

public static class GoalDirectionExtensions
{
    /// <summary>Whether <paramref name="value"/> is at least as good as <paramref name="target"/>.</summary>
    public static bool Reaches(this GoalDirection goal, double value, double target) =>
        goal == GoalDirection.HigherIsBetter ? value >= target : value <= target;

    /// <summary>The best of some finite values: the largest, or the smallest for a loss.</summary>
    public static double Best(this GoalDirection goal, IEnumerable<double> values) =>
        goal == GoalDirection.HigherIsBetter ? values.Max() : values.Min();

    /// <summary>
    /// +1 when a positive difference (candidate − baseline) means the candidate is better, −1 when
    /// a negative one does: verdicts compare the signed difference with this.
    /// </summary>
    public static int BetterSign(this GoalDirection goal) => goal == GoalDirection.HigherIsBetter ? 1 : -1;
}
