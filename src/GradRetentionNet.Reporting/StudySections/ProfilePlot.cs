using GradRetentionNet.Reporting.Plots;
using GradRetentionNet.Sweeps.Study;
using ScottPlot;

namespace GradRetentionNet.Reporting.StudySections;

/// <summary>
/// The performance profiles in steps: ρ(τ), the fraction of datasets on which each optimizer reached
/// the target within τ × the best optimizer's steps, as step lines on τ ∈ [1, r_max], with the
/// AlgoPerf score in the legend. Higher and further left is better.
/// </summary>
internal static class ProfilePlot
{
    public static Plot Of(IReadOnlyList<PerformanceProfile> profiles, int datasets, OptimizerColours colours)
    {
        var plot = ReportPlot.Create($"Performance profiles over {datasets} dataset(s): steps to target", "τ: within τ × the best optimizer's steps", "ρ(τ): fraction of datasets");
        var maximumRatio = profiles.Select(p => p.MaximumRatio).DefaultIfEmpty(PerformanceProfile.AlgoPerfMaximumRatio).Max();
        // Profiles often coincide over a stretch of τ: each line is drawn thinner than the one
        // before it, on top of it, so that both stay visible where they overlap.
        var width = 2f + 5f * Math.Min(1, profiles.Count - 1);
        var thinner = profiles.Count > 1 ? 5f / (profiles.Count - 1) : 0;
        foreach (var profile in profiles.OrderByDescending(p => p.Score))
        {
            var line = plot.Add.Scatter(profile.Points.Select(p => p.Tau).ToArray(), profile.Points.Select(p => p.Fraction).ToArray());
            line.ConnectStyle = ConnectStyle.StepHorizontal;
            line.Color = colours.Of(profile.Optimizer);
            line.LineWidth = width;
            line.MarkerSize = width + 3;
            width -= thinner;
            line.LegendText = $"{profile.Optimizer} (score {StudyText.Number(profile.Score, "0.000")})";
        }
        plot.Axes.SetLimits(1 - 0.05 * (maximumRatio - 1), maximumRatio + 0.05 * (maximumRatio - 1), -0.04, 1.06);
        ReportPlot.LegendOutside(plot);
        return plot;
    }
}
