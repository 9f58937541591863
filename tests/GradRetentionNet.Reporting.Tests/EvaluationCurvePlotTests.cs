using GradRetentionNet.Contracts.Jobs;
using GradRetentionNet.Reporting.Plots;
using GradRetentionNet.Reporting.StudySections;
using ScottPlot.Plottables;

namespace GradRetentionNet.Reporting.Tests;

/// <summary>The per-step loss curves of a study's evaluation seeds: which axis they get and what the line is.</summary>
public sealed class EvaluationCurvePlotTests
{
    static IReadOnlyList<BatchRecord> Run(params double[] losses) =>
        losses.Select((loss, i) => new BatchRecord(i + 1, i < losses.Length / 2 ? 1 : 2, loss, 0.01, 0.9, 1, 1e-4, 1e-3, 0)).ToList();

    static Scatter MeanLine(ScottPlot.Plot plot) => plot.GetPlottables().OfType<Scatter>().Single();

    [Fact]
    public void One_seeds_early_spike_puts_the_loss_on_a_log_axis_that_draws_the_arithmetic_mean()
    {
        // Seed 2 spikes to 70 at step 1, as rmsprop did in study-quick; the others stay near 2 → 0.5.
        List<IReadOnlyList<BatchRecord>> rows = [Run(2.3, 1.0, 0.7, 0.5), Run(70, 1.2, 0.6, 0.5), Run(2.2, 0.9, 0.8, 0.6)];

        var plot = EvaluationCurvePlot.PerStep("mnist-digits-10k", [("rmsprop", rows)], new OptimizerColours(["rmsprop"]));

        plot.Axes.Left.Label.Text.Should().Be("training loss (batch, log scale)");
        var drawn = MeanLine(plot).Data.GetScatterPoints().Select(p => p.Y).ToArray();
        double[] means = [(2.3 + 70 + 2.2) / 3, (1.0 + 1.2 + 0.9) / 3, (0.7 + 0.6 + 0.8) / 3, (0.5 + 0.5 + 0.6) / 3];
        drawn.Should().Equal(means.Select(Math.Log10), (a, b) => Math.Abs(a - b) < 1e-12, "the mean of the losses, then its log10");
    }

    [Fact]
    public void Losses_within_a_decade_keep_a_linear_axis_and_their_mean()
    {
        List<IReadOnlyList<BatchRecord>> rows = [Run(2.3, 1.5, 1.0, 0.8), Run(2.2, 1.4, 1.1, 0.7)];

        var plot = EvaluationCurvePlot.PerStep("fashion-mnist", [("adam", rows)], new OptimizerColours(["adam"]));

        plot.Axes.Left.Label.Text.Should().Be("training loss (batch)");
        MeanLine(plot).Data.GetScatterPoints().Select(p => p.Y).Should().Equal([2.25, 1.45, 1.05, 0.75], (a, b) => Math.Abs(a - b) < 1e-12);
    }

    [Theory]
    [InlineData(new[] { 70.0, 0.5 }, true)]
    [InlineData(new[] { 5.0, 0.5 }, true)]
    [InlineData(new[] { 4.9, 0.5 }, false)]
    [InlineData(new[] { 70.0, 0.0 }, false)]
    [InlineData(new double[0], false)]
    public void A_log_axis_needs_positive_losses_spanning_a_decade(double[] losses, bool log) =>
        EvaluationCurvePlot.SpansADecade(losses).Should().Be(log);
}
