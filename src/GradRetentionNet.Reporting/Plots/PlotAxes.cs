using System.Globalization;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace GradRetentionNet.Reporting.Plots;

/// <summary>Tick styles the reports share.</summary>
internal static class PlotAxes
{
    /// <summary>Whole-number ticks only: epochs and trial numbers have no 2.5.</summary>
    public static void IntegerTicks(IAxis axis) => axis.TickGenerator = new NumericAutomatic { IntegerTicksOnly = true };

    /// <summary>
    /// A log10 axis for data already plotted as log10(value) (ScottPlot 5 has no log scale of its
    /// own): labels show the values themselves, minor ticks fall at 2…9 × each decade. Over less
    /// than a decade there may be no whole power of ten to label, so labels go between them too.
    /// </summary>
    public static void Log10Ticks(IAxis axis, IEnumerable<double> log10Values)
    {
        var values = log10Values.Where(double.IsFinite).ToList();
        var spansADecade = values.Count > 0 && values.Max() - values.Min() >= 1;
        axis.TickGenerator = new NumericAutomatic
        {
            IntegerTicksOnly = spansADecade,
            MinorTickGenerator = new LogMinorTickGenerator(),
            LabelFormatter = PowerOfTen,
        };
    }

    /// <summary>A log10 tick's label: 0.001 … 1000 written out, whole powers beyond that as 1e-5, others in three digits.</summary>
    static string PowerOfTen(double log10)
    {
        var exponent = Math.Round(log10);
        if (Math.Abs(log10 - exponent) < 1e-9 && Math.Abs(exponent) > 3) return $"1e{exponent.ToString(CultureInfo.InvariantCulture)}";
        return Math.Pow(10, log10).ToString("G3", CultureInfo.InvariantCulture);
    }

    /// <summary>Faint grid lines at the minor ticks, as a log axis wants.</summary>
    public static void ShowMinorGrid(Plot plot)
    {
        plot.Grid.MajorLineColor = Colors.Black.WithOpacity(.15);
        plot.Grid.MinorLineColor = Colors.Black.WithOpacity(.05);
        plot.Grid.MinorLineWidth = 1;
    }
}
